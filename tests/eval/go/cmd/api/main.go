package main

import (
	"log"
	"os"
)

func main() {
	if len(os.Args) < 2 {
		panic("usage: api CONFIG") // near: go/panic-in-library
	}
	log.Printf("starting with %s", os.Args[1])
}
