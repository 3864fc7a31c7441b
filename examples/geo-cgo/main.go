// Command geo-cgo serves great-circle distances computed by a C function, so it needs cgo,
// a C toolchain at build time and glibc at run time (distroless/base, not static).
package main

/*
#cgo LDFLAGS: -lm
#include <math.h>

// haversine_km returns the great-circle distance between two points given in degrees.
static double haversine_km(double lat1, double lon1, double lat2, double lon2) {
	const double r = 6371.0088, rad = M_PI / 180.0;
	double dlat = (lat2 - lat1) * rad, dlon = (lon2 - lon1) * rad;
	double a = sin(dlat / 2) * sin(dlat / 2) +
	           cos(lat1 * rad) * cos(lat2 * rad) * sin(dlon / 2) * sin(dlon / 2);
	return 2 * r * asin(sqrt(a));
}
*/
import "C"

import (
	"encoding/json"
	"flag"
	"fmt"
	"log"
	"net/http"
	"os"
	"strconv"
	"time"
)

var version = "dev"

func distanceKm(lat1, lon1, lat2, lon2 float64) float64 {
	return float64(C.haversine_km(C.double(lat1), C.double(lon1), C.double(lat2), C.double(lon2)))
}

func main() {
	showVersion := flag.Bool("version", false, "print the version and a C-computed distance, then exit (the container smoke test)")
	addr := flag.String("addr", envOr("ADDR", ":8080"), "listen address")
	flag.Parse()

	if *showVersion {
		// Paris to London, about 344 km: proves the C code and the image's libc work.
		fmt.Printf("geo-cgo %s: Paris-London %.0f km\n", version, distanceKm(48.8566, 2.3522, 51.5074, -0.1278))
		return
	}

	mux := http.NewServeMux()
	mux.HandleFunc("GET /healthz", func(w http.ResponseWriter, _ *http.Request) { w.WriteHeader(http.StatusNoContent) })
	mux.HandleFunc("GET /v1/distance", func(w http.ResponseWriter, r *http.Request) {
		var coords [4]float64
		for i, name := range []string{"lat1", "lon1", "lat2", "lon2"} {
			v, err := strconv.ParseFloat(r.URL.Query().Get(name), 64)
			if err != nil {
				http.Error(w, "query needs numeric lat1, lon1, lat2, lon2", http.StatusBadRequest)
				return
			}
			coords[i] = v
		}
		w.Header().Set("Content-Type", "application/json")
		_ = json.NewEncoder(w).Encode(map[string]float64{"km": distanceKm(coords[0], coords[1], coords[2], coords[3])})
	})

	server := &http.Server{Addr: *addr, Handler: mux, ReadHeaderTimeout: 5 * time.Second}
	log.Printf("geo-cgo %s listening on %s", version, *addr)
	log.Fatal(server.ListenAndServe())
}

func envOr(key, fallback string) string {
	if v := os.Getenv(key); v != "" {
		return v
	}
	return fallback
}
