package tlsconf

import (
	"crypto/tls"
	"crypto/x509"
	"errors"
)

// Legacy returns the client config used by the old billing bridge.
func Legacy() *tls.Config {
	return &tls.Config{
		InsecureSkipVerify: true, // expect: mtls/insecure-skip-verify
		MinVersion:         tls.VersionTLS10, // expect: mtls/old-tls-version
	}
}

// Client trusts only the internal CA.
func Client(caPEM []byte) (*tls.Config, error) {
	pool := x509.NewCertPool()
	if !pool.AppendCertsFromPEM(caPEM) {
		return nil, errors.New("tlsconf: no CA certificates parsed")
	}
	return &tls.Config{
		RootCAs:            pool,
		InsecureSkipVerify: false, // near: mtls/insecure-skip-verify
		MinVersion:         tls.VersionTLS12, // near: mtls/old-tls-version
	}, nil
}

// Server requires client certificates, but the legacy listener accepts any.
func Server(clientCAs *x509.CertPool) (*tls.Config, *tls.Config) {
	strict := &tls.Config{
		ClientAuth: tls.RequireAndVerifyClientCert, // near: mtls/client-cert-not-verified
		ClientCAs:  clientCAs,
		MinVersion: tls.VersionTLS13,
	}
	legacy := &tls.Config{
		ClientAuth: tls.RequireAnyClientCert, // expect: mtls/client-cert-not-verified
		MinVersion: tls.VersionTLS12,
	}
	return strict, legacy
}
