// Command toolchain-arg reports the Go toolchain it was built with; its Dockerfile picks that
// toolchain through a GO_VERSION build argument.
package main

import (
	"flag"
	"fmt"
	"log"
	"net/http"
	"os"
	"runtime"
	"runtime/debug"
	"time"
)

var version = "dev"

func main() {
	showVersion := flag.Bool("version", false, "print the version and build toolchain, then exit (the container smoke test)")
	addr := flag.String("addr", envOr("ADDR", ":8080"), "listen address")
	flag.Parse()

	if *showVersion {
		fmt.Printf("toolchain-arg %s built with %s\n", version, runtime.Version())
		return
	}

	mux := http.NewServeMux()
	mux.HandleFunc("GET /healthz", func(w http.ResponseWriter, _ *http.Request) { w.WriteHeader(http.StatusNoContent) })
	mux.HandleFunc("GET /v1/build", func(w http.ResponseWriter, _ *http.Request) {
		info, ok := debug.ReadBuildInfo()
		if !ok {
			http.Error(w, "no build info", http.StatusInternalServerError)
			return
		}
		fmt.Fprint(w, info.String())
	})

	server := &http.Server{Addr: *addr, Handler: mux, ReadHeaderTimeout: 5 * time.Second}
	log.Printf("toolchain-arg %s (%s) listening on %s", version, runtime.Version(), *addr)
	log.Fatal(server.ListenAndServe())
}

func envOr(key, fallback string) string {
	if v := os.Getenv(key); v != "" {
		return v
	}
	return fallback
}
