module example.com/docker-lint-examples/toolchain-arg

go 1.26.8
