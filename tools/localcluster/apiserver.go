package main

import (
	"context"
	"fmt"
	"net"
	"os"
	"path/filepath"
	"strconv"
	"strings"

	"github.com/spf13/pflag"
	utilerrors "k8s.io/apimachinery/pkg/util/errors"
	"k8s.io/client-go/rest"
	apiserveroptions "k8s.io/kubernetes/cmd/kube-apiserver/app/options"
)

const (
	serviceCIDR      = "10.96.0.0/16"
	serviceClusterIP = "10.96.0.1"
	adminUser        = "admin"
)

// writeTokenFile writes the static token file: token,user,uid,"groups".
func writeTokenFile(path, adminToken string, users []tokenUser) error {
	var b strings.Builder
	fmt.Fprintf(&b, "%s,%s,%s,\"system:masters\"\n", adminToken, adminUser, adminUser)
	for _, u := range users {
		fmt.Fprintf(&b, "%s,%s,%s,\"%s\"\n", u.Token, u.Name, u.Name, strings.Join(u.Groups, ","))
	}
	if err := os.WriteFile(path, []byte(b.String()), 0o600); err != nil {
		return fmt.Errorf("writing token file: %w", err)
	}
	return nil
}

// startAPIServer runs kube-apiserver through its options rather than its
// cobra command, because the command installs a process signal handler and
// this process owns signal handling. The returned channel yields the result
// of the server once ctx is cancelled and shutdown has finished.
func startAPIServer(ctx context.Context, o *options, p *pki, etcdURL string, ln net.Listener, extra extraAPIs) (<-chan error, error) {
	tokenFile := filepath.Join(o.DataDir, "tokens.csv")
	if err := writeTokenFile(tokenFile, o.AdminToken, o.Tokens); err != nil {
		return nil, err
	}

	s := apiserveroptions.NewServerRunOptions()
	fs := pflag.NewFlagSet("kube-apiserver", pflag.ContinueOnError)
	for _, f := range s.Flags().FlagSets {
		fs.AddFlagSet(f)
	}
	args := []string{
		"--etcd-servers=" + etcdURL,
		"--bind-address=127.0.0.1",
		"--advertise-address=127.0.0.1",
		"--secure-port=" + strconv.Itoa(o.Port),
		"--cert-dir=" + p.Dir,
		"--tls-cert-file=" + p.ServerCert,
		"--tls-private-key-file=" + p.ServerKey,
		"--client-ca-file=" + p.CACert,
		"--token-auth-file=" + tokenFile,
		"--authorization-mode=Node,RBAC",
		"--service-account-issuer=https://kubernetes.default.svc.cluster.local",
		"--service-account-key-file=" + p.SAPub,
		"--service-account-signing-key-file=" + p.SAKey,
		"--service-cluster-ip-range=" + serviceCIDR,
		"--endpoint-reconciler-type=none",
		"--allow-privileged=true",
		"--profiling=false",
	}
	if err := fs.Parse(args); err != nil {
		return nil, fmt.Errorf("parsing apiserver flags: %w", err)
	}
	s.SecureServing.Listener = ln
	if err := s.GenericServerRunOptions.ComponentGlobalsRegistry.Set(); err != nil {
		return nil, fmt.Errorf("applying apiserver feature gates: %w", err)
	}
	// The apiserver's loopback clients would otherwise log their own deprecation warnings.
	rest.SetDefaultWarningHandler(rest.NoWarnings{})

	completed, err := s.Complete(ctx)
	if err != nil {
		return nil, fmt.Errorf("completing apiserver options: %w", err)
	}
	if errs := completed.Validate(); len(errs) != 0 {
		return nil, fmt.Errorf("validating apiserver options: %w", utilerrors.NewAggregate(errs))
	}

	done := make(chan error, 1)
	go func() {
		done <- runKubeAPIServer(ctx, completed, extra)
	}()
	return done, nil
}
