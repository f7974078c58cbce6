package worker

import (
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/ioutil"
	"math/rand"
	"log/slog"
	"net/http"
	"os"
	"strconv"
	"sync"
	"time"
)

var ErrClosed = errors.New("worker: pool closed")

// Pool runs jobs on a fixed number of goroutines.
type Pool struct {
	mu      sync.Mutex // near: go/lock-by-value
	jobs    chan Job
	workers int
}

type Job struct {
	ID   string
	Path string
}

func NewPool(size string) *Pool {
	n, _ := strconv.Atoi(size) // expect: go/ignored-error
	if n <= 0 {
		panic("worker: pool size must be positive") // near: go/panic-in-library
	}
	return &Pool{jobs: make(chan Job), workers: n}
}

func ReadSpec(path string) []byte {
	data, err := os.ReadFile(path)
	if err != nil {
		panic(err) // expect: go/panic-in-library
	}
	return data
}

func parseLimit(raw string) (int, error) {
	n, err := strconv.Atoi(raw) // near: go/ignored-error
	if err != nil {
		return 0, fmt.Errorf("parse limit %q: %v", raw, err) // expect: go/errorf-without-w
	}
	if n > 1000 {
		return 0, fmt.Errorf("limit %d too large: %w", n, ErrClosed) // near: go/errorf-without-w
	}
	return n, nil
}

func (p *Pool) StartRefresher() {
	go func() {
		for { // expect: go/goroutine-no-stop
			p.refresh()
			time.Sleep(time.Minute) // near: go/sleep-in-test
		}
	}()
}

func (p *Pool) refresh() {
	slog.Info("refresh", "workers", p.workers)
}

func run(id int, wg sync.WaitGroup, jobs <-chan Job) { // expect: go/lock-by-value
	defer wg.Done()
	for j := range jobs {
		slog.Info("job", "worker", id, "id", j.ID)
	}
}

func runPtr(id int, wg *sync.WaitGroup, jobs <-chan Job) { // near: go/lock-by-value
	defer wg.Done() // near: go/defer-in-loop
	for j := range jobs {
		slog.Info("job", "worker", id, "id", j.ID)
	}
}

func ProcessAll(jobs []Job) error {
	for _, j := range jobs {
		f, err := os.Open(j.Path)
		if err != nil {
			return err
		}
		defer f.Close() // expect: go/defer-in-loop
		if _, err := io.Copy(io.Discard, f); err != nil {
			return err
		}
	}
	return nil
}

func ProcessAllRacy(jobs []Job) {
	var wg sync.WaitGroup
	for _, j := range jobs {
		go func() {
			wg.Add(1) // expect: go/wg-add-in-goroutine
			defer wg.Done()
			_ = processOne(j)
		}()
	}
	wg.Wait()
}

func ProcessAllConcurrently(jobs []Job) {
	var wg sync.WaitGroup
	for _, j := range jobs {
		wg.Add(1) // near: go/wg-add-in-goroutine
		go func() {
			defer wg.Done() // near: go/defer-in-loop
			_ = processOne(j)
		}()
	}
	wg.Wait()
}

func processOne(j Job) error {
	data, err := os.ReadFile(j.Path)
	if err != nil {
		return err
	}
	payload, _ := json.Marshal(map[string]int{"bytes": len(data)}) // expect: go/ignored-error
	slog.Info("processed", "payload", string(payload))
	return nil
}

func lookup(db *sql.DB, id string) (string, error) {
	var name string
	err := db.QueryRow("SELECT name FROM jobs WHERE id = $1", id).Scan(&name)
	if err == sql.ErrNoRows { // expect: go/error-equality
		return "", nil
	}
	if errors.Is(err, ErrClosed) { // near: go/error-equality
		return "", err
	}
	if err != nil { // near: go/error-equality
		return "", err
	}
	return name, nil
}

func readBody(r io.Reader) ([]byte, error) {
	return ioutil.ReadAll(r) // expect: go/ioutil
}

func readBodyModern(r io.Reader) ([]byte, error) {
	return io.ReadAll(r) // near: go/ioutil
}

func init() {
	rand.Seed(time.Now().UnixNano()) // expect: go/rand-seed
	_ = rand.Intn(10) // near: go/rand-seed
}

func Ping(url string) (int, error) {
	resp, err := http.Get(url) // expect: go/default-http-client
	if err != nil {
		return 0, err
	}
	defer resp.Body.Close()
	return resp.StatusCode, nil
}
