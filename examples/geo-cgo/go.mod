module example.com/docker-lint-examples/geo-cgo

go 1.26.8
