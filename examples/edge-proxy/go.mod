module example.com/docker-lint-examples/edge-proxy

go 1.26.8
