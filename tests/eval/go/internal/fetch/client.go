package fetch

import (
	"context"
	"net/http"
	"time"
)

var slowClient = &http.Client{} // expect: go/client-without-timeout

var client = &http.Client{Timeout: 10 * time.Second} // near: go/client-without-timeout

// Get fetches url with the shared, bounded client.
func Get(ctx context.Context, url string) (*http.Response, error) {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, url, nil) // near: go/default-http-client
	if err != nil {
		return nil, err
	}
	return client.Do(req)
}

// Poll calls fn every interval until ctx ends.
func Poll(ctx context.Context, interval time.Duration, fn func()) {
	go func() {
		for { // near: go/goroutine-no-stop
			select {
			case <-ctx.Done():
				return
			case <-time.After(interval):
				fn()
			}
		}
	}()
}
