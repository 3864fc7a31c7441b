module example.com/docker-lint-examples/api

go 1.26.8
