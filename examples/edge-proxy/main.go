// Command edge-proxy forwards requests to an HTTPS upstream. It ships on scratch, so the CA
// bundle it needs to verify the upstream is copied into the image by the Dockerfile.
package main

import (
	"crypto/x509"
	"flag"
	"fmt"
	"log"
	"net/http"
	"net/http/httputil"
	"net/url"
	"os"
	"time"
)

var version = "dev"

func main() {
	showVersion := flag.Bool("version", false, "print the version and exit")
	checkCerts := flag.Bool("check-certs", false, "exit 0 only if the system CA bundle loads (the container smoke test)")
	addr := flag.String("addr", envOr("ADDR", ":8080"), "listen address")
	upstream := flag.String("upstream", envOr("UPSTREAM", "https://example.com"), "HTTPS upstream to forward to")
	flag.Parse()

	switch {
	case *showVersion:
		fmt.Printf("edge-proxy %s\n", version)
		return
	case *checkCerts:
		if err := requireCABundle(); err != nil {
			fmt.Fprintln(os.Stderr, "edge-proxy:", err)
			os.Exit(1)
		}
		fmt.Println("edge-proxy: CA bundle loaded")
		return
	}

	target, err := url.Parse(*upstream)
	if err != nil || target.Scheme != "https" {
		log.Fatalf("upstream must be an https URL, got %q", *upstream)
	}
	proxy := httputil.NewSingleHostReverseProxy(target)
	mux := http.NewServeMux()
	mux.HandleFunc("GET /healthz", func(w http.ResponseWriter, _ *http.Request) { w.WriteHeader(http.StatusNoContent) })
	mux.Handle("/", proxy)

	server := &http.Server{Addr: *addr, Handler: mux, ReadHeaderTimeout: 5 * time.Second}
	log.Printf("edge-proxy %s forwarding %s to %s", version, *addr, target)
	log.Fatal(server.ListenAndServe())
}

// caBundle is where Go's crypto/x509 looks first on Debian-like systems; SSL_CERT_FILE overrides it.
const caBundle = "/etc/ssl/certs/ca-certificates.crt"

// requireCABundle fails when the image lacks CA certificates: every TLS call would fail later.
func requireCABundle() error {
	path := envOr("SSL_CERT_FILE", caBundle)
	pem, err := os.ReadFile(path)
	if err != nil {
		return fmt.Errorf("no CA bundle: %w", err)
	}
	if !x509.NewCertPool().AppendCertsFromPEM(pem) {
		return fmt.Errorf("%s holds no PEM certificates", path)
	}
	return nil
}

func envOr(key, fallback string) string {
	if v := os.Getenv(key); v != "" {
		return v
	}
	return fallback
}
