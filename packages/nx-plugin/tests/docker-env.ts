/** Shared by the tests that need the real engine: whether they can run, and what a run left behind. */
import { execFileSync } from "node:child_process";
import { findDocker } from "../src/lib/docker";
import { DOCKER_TIMEOUT_MS, goVersion, hostGo } from "./helpers";
import { NOT_BUILT_MESSAGE, PLUGIN_BUILT } from "./nx-workspace";

/** Why the engine tests cannot run here, or the docker command to use. */
export async function dockerForTests(): Promise<{ skip: string } | { docker: string }> {
  if (!PLUGIN_BUILT) return { skip: NOT_BUILT_MESSAGE };
  if (!hostGo) return { skip: "no go on PATH" };
  const docker = await findDocker();
  if (docker.problem) return { skip: `no usable Docker engine: ${docker.problem}` };
  for (const image of [`golang:${goVersion()}`, "gcr.io/distroless/static-debian12:nonroot"]) {
    try {
      execFileSync(docker.command, ["image", "inspect", image], { timeout: DOCKER_TIMEOUT_MS, stdio: "ignore" });
    } catch {
      return { skip: `base image ${image} is not in the local engine: run tools/docker/make-base-images.sh` };
    }
  }
  return { docker: docker.command };
}

/** Containers and images a run for `project` made (their names start `docker-lint-<project>-`). */
export function leftBehind(docker: string, project: string): { containers: string[]; images: string[] } {
  const list = (args: string[]) => execFileSync(docker, args, { timeout: DOCKER_TIMEOUT_MS, encoding: "utf8" }).split("\n").filter((n) => n.includes(`docker-lint-${project}-`));
  return { containers: list(["ps", "-a", "--format", "{{.Names}}"]), images: list(["images", "-a", "--format", "{{.Repository}}"]) };
}

/** A service whose smoke run waits with `wait`, and whose builder sleeps $SLEEP seconds after echoing $NONCE. */
const MAIN = `package main

import (
	"fmt"
	"os"
	"time"
)

func main() {
	if os.Getenv("SMOKE_FAIL") != "" {
		os.Exit(4)
	}
	if len(os.Args) > 1 && os.Args[1] == "wait" {
		time.Sleep(300 * time.Second)
	}
	fmt.Println("svc")
}
`;
const DOCKERFILE = `FROM golang:${hostGo ? goVersion() : "1.26"} AS build
WORKDIR /src
COPY go.mod main.go ./
ARG NONCE=0
ARG SLEEP=0
RUN echo "nonce $NONCE" && sleep $SLEEP
RUN CGO_ENABLED=0 go build -o /out/svc .

FROM gcr.io/distroless/static-debian12:nonroot
COPY --from=build /out/svc /svc
USER nonroot:nonroot
ENTRYPOINT ["/svc"]
`;

export const SERVICE = { "svc/go.mod": "module example.com/svc\n\ngo 1.21\n", "svc/main.go": MAIN, "svc/Dockerfile": DOCKERFILE };
