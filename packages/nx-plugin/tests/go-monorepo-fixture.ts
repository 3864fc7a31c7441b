/** Go monorepo layouts shared by the inference and the Nx end-to-end tests. */
import path from "node:path";

function serviceDockerfile(name: string, copy = "COPY go.mod ./\nRUN go mod download\nCOPY . .\n"): string {
  return `FROM golang:1.26.8 AS build\nWORKDIR /src\n${copy}RUN CGO_ENABLED=0 go build -o /out/${name} ./cmd/${name}\n\nFROM gcr.io/distroless/static-debian12:nonroot\nCOPY --from=build /out/${name} /${name}\nENTRYPOINT ["/${name}"]\n`;
}

export function mainGo(module: string, pkg: string): string {
  return `package main\n\nimport (\n\t"fmt"\n\n\t"${module}/${pkg}"\n)\n\nfunc main() { fmt.Println(${path.posix.basename(pkg)}.Name()) }\n`;
}

/** One module at the root, cmd/hello and cmd/bye, each importing its own internal package and a shared one. */
export const SINGLE_MODULE: Record<string, string> = {
  "go.mod": "module example.com/mono\n\ngo 1.21\n",
  "internal/shared/shared.go": "package shared\n\nfunc Word() string { return \"world\" }\n",
  "internal/greet/greet.go": 'package greet\n\nimport "example.com/mono/internal/shared"\n\nfunc Name() string { return "hello " + shared.Word() }\n',
  "internal/farewell/farewell.go": 'package farewell\n\nimport "example.com/mono/internal/shared"\n\nfunc Name() string { return "bye " + shared.Word() }\n',
  "internal/farewell/README.md": "notes\n",
  "cmd/hello/main.go": mainGo("example.com/mono", "internal/greet"),
  "cmd/hello/Dockerfile": serviceDockerfile("hello"),
  "cmd/bye/main.go": mainGo("example.com/mono", "internal/farewell"),
  "cmd/bye/Dockerfile": serviceDockerfile("bye"),
  ".dockerignore": ".git\ndocs\n",
};
