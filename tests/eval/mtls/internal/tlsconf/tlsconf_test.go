package tlsconf

import (
	"crypto/tls"
	"net/http"
	"net/http/httptest"
	"testing"
)

func TestLegacyHandshake(t *testing.T) {
	srv := httptest.NewTLSServer(http.NotFoundHandler())
	defer srv.Close()
	client := &http.Client{Transport: &http.Transport{TLSClientConfig: &tls.Config{
		InsecureSkipVerify: true, // near: mtls/insecure-skip-verify
	}}}
	if _, err := client.Get(srv.URL); err != nil {
		t.Fatal(err)
	}
}
