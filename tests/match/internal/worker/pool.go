package worker

import (
	"context"
	"sync"
)

func Run(ctx context.Context, jobs <-chan int) {
	var wg sync.WaitGroup
	for j := range jobs {
		wg.Add(1)
		go func() {
			defer wg.Done()
			_ = j
		}()
	}
	wg.Wait()
}
