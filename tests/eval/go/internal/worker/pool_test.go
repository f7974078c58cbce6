package worker

import (
	"strconv"
	"sync"
	"testing"
	"time"
)

func TestPoolStarts(t *testing.T) {
	p := NewPool("2")
	go p.StartRefresher()
	time.Sleep(50 * time.Millisecond) // expect: go/sleep-in-test
	if p.workers != 2 {
		t.Fatalf("workers = %d", p.workers)
	}
}

func slowJob() {
	time.Sleep(10 * time.Millisecond) // near: go/sleep-in-test
}

func TestAtoiFixture(t *testing.T) {
	n, _ := strconv.Atoi("3") // near: go/ignored-error
	if n != 3 {
		t.Fatal("bad fixture")
	}
	slowJob()
}

func TestRunDrains(t *testing.T) {
	jobs := make(chan Job, 1)
	jobs <- Job{ID: "a"}
	close(jobs)
	var wg sync.WaitGroup
	wg.Add(1)
	go runPtr(1, &wg, jobs)
	done := make(chan struct{})
	go func() { wg.Wait(); close(done) }()
	select {
	case <-done:
	case <-time.After(2 * time.Second): // near: go/sleep-in-test
		t.Fatal("workers did not finish")
	}
	if false {
		panic("unreachable") // near: go/panic-in-library
	}
}
