package main

import (
	"crypto/rand"
	"encoding/hex"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"github.com/spf13/pflag"
	"k8s.io/apimachinery/pkg/api/resource"
)

// tokenUser is one static-token identity accepted by the apiserver.
type tokenUser struct {
	Name   string
	Token  string
	Groups []string
}

type options struct {
	Name          string
	Port          int
	DataDir       string
	Nodes         int
	NodeCPU       string
	NodeMemory    string
	NodePods      int
	Labels        map[string]string
	KubeconfigOut string
	Tokens        []tokenUser
	AdminToken    string
	Apply         []string
	TokenOuts     []tokenOut
	LogFile       string
	Verbosity     int
	Reset         bool
	Metrics       bool
}

func parseFlags(args []string) (*options, error) {
	o := &options{}
	var labels, tokens string
	var tokenOuts []string
	fs := pflag.NewFlagSet("localcluster", pflag.ContinueOnError)
	fs.StringVar(&o.Name, "name", "localcluster", "cluster name; used for the kubeconfig cluster/context and node names")
	fs.IntVar(&o.Port, "port", 6443, "apiserver HTTPS port on 127.0.0.1")
	fs.StringVar(&o.DataDir, "data-dir", "", "directory for etcd data, certificates and cluster.json (default ./.localcluster/<name>)")
	fs.IntVar(&o.Nodes, "nodes", 1, "number of simulated nodes")
	fs.StringVar(&o.NodeCPU, "node-cpu", "8", "cpu capacity of each simulated node")
	fs.StringVar(&o.NodeMemory, "node-memory", "32Gi", "memory capacity of each simulated node")
	fs.IntVar(&o.NodePods, "node-pods", 110, "pod capacity of each simulated node")
	fs.StringVar(&labels, "labels", "", "extra labels for simulated nodes, k=v,k2=v2")
	fs.StringVar(&o.KubeconfigOut, "kubeconfig-out", "", "where to write the admin kubeconfig (default <data-dir>/kubeconfig)")
	fs.StringVar(&tokens, "tokens", "", "extra static-token users, user:token:group1|group2,...")
	fs.StringVar(&o.AdminToken, "admin-token", "", "token of the admin user (group system:masters); random if empty")
	fs.StringArrayVar(&o.Apply, "apply", nil, "manifest file to server-side apply as admin once the control plane runs, before ready; repeatable, applied in order")
	fs.StringArrayVar(&tokenOuts, "token-out", nil, "namespace/secret=path: write the token of a kubernetes.io/service-account-token Secret (e.g. one from --apply) to path, before ready; repeatable")
	fs.StringVar(&o.LogFile, "log-file", "", "component log file (default <data-dir>/localcluster.log); '-' logs to stderr")
	fs.IntVarP(&o.Verbosity, "v", "v", 0, "component log verbosity")
	fs.BoolVar(&o.Reset, "reset", false, "delete the data dir before starting")
	fs.BoolVar(&o.Metrics, "metrics", true, "serve metrics.k8s.io/v1beta1 (simulated NodeMetrics and PodMetrics); --metrics=false leaves the group out of the API and discovery")
	fs.Usage = func() {
		fmt.Fprintln(os.Stderr, "usage: localcluster [flags]")
		fs.PrintDefaults()
	}
	if err := fs.Parse(args); err != nil {
		return nil, err
	}

	if o.Name == "" || strings.ContainsAny(o.Name, "/ \t") {
		return nil, fmt.Errorf("invalid --name %q", o.Name)
	}
	if o.Port <= 0 || o.Port > 65535 {
		return nil, fmt.Errorf("invalid --port %d", o.Port)
	}
	if o.Nodes < 0 {
		return nil, fmt.Errorf("invalid --nodes %d", o.Nodes)
	}
	for flag, q := range map[string]string{"--node-cpu": o.NodeCPU, "--node-memory": o.NodeMemory} {
		if _, err := resource.ParseQuantity(q); err != nil {
			return nil, fmt.Errorf("invalid %s %q: %w", flag, q, err)
		}
	}
	if o.DataDir == "" {
		o.DataDir = filepath.Join(".localcluster", o.Name)
	}
	abs, err := filepath.Abs(o.DataDir)
	if err != nil {
		return nil, fmt.Errorf("resolving --data-dir: %w", err)
	}
	o.DataDir = abs
	if o.KubeconfigOut == "" {
		o.KubeconfigOut = filepath.Join(o.DataDir, "kubeconfig")
	}
	if o.LogFile == "" {
		o.LogFile = filepath.Join(o.DataDir, "localcluster.log")
	}
	if o.AdminToken == "" {
		o.AdminToken, err = randomToken()
		if err != nil {
			return nil, err
		}
	}

	if o.Labels, err = parseLabels(labels); err != nil {
		return nil, err
	}
	if o.Tokens, err = parseTokens(tokens); err != nil {
		return nil, err
	}
	for i, file := range o.Apply {
		if o.Apply[i], err = filepath.Abs(file); err != nil {
			return nil, fmt.Errorf("resolving --apply %q: %w", file, err)
		}
	}
	if o.TokenOuts, err = parseTokenOuts(tokenOuts); err != nil {
		return nil, err
	}
	return o, nil
}

func parseLabels(s string) (map[string]string, error) {
	out := map[string]string{}
	for _, kv := range splitList(s) {
		k, v, ok := strings.Cut(kv, "=")
		if !ok || k == "" {
			return nil, fmt.Errorf("invalid label %q, want k=v", kv)
		}
		out[k] = v
	}
	return out, nil
}

func parseTokens(s string) ([]tokenUser, error) {
	var out []tokenUser
	for _, entry := range splitList(s) {
		parts := strings.SplitN(entry, ":", 3)
		if len(parts) < 2 || parts[0] == "" || parts[1] == "" {
			return nil, fmt.Errorf("invalid token entry %q, want user:token[:group1|group2]", entry)
		}
		u := tokenUser{Name: parts[0], Token: parts[1]}
		if len(parts) == 3 {
			for _, g := range strings.Split(parts[2], "|") {
				if g != "" {
					u.Groups = append(u.Groups, g)
				}
			}
		}
		out = append(out, u)
	}
	return out, nil
}

func parseTokenOuts(values []string) ([]tokenOut, error) {
	var out []tokenOut
	for _, v := range values {
		ref, path, ok := strings.Cut(v, "=")
		ns, secret, okRef := strings.Cut(ref, "/")
		if !ok || !okRef || ns == "" || secret == "" || path == "" {
			return nil, fmt.Errorf("invalid --token-out %q, want namespace/secret=path", v)
		}
		abs, err := filepath.Abs(path)
		if err != nil {
			return nil, fmt.Errorf("resolving --token-out %q: %w", v, err)
		}
		out = append(out, tokenOut{Namespace: ns, Secret: secret, Path: abs})
	}
	return out, nil
}

func splitList(s string) []string {
	var out []string
	for _, p := range strings.Split(s, ",") {
		if p = strings.TrimSpace(p); p != "" {
			out = append(out, p)
		}
	}
	return out
}

func randomToken() (string, error) {
	b := make([]byte, 24)
	if _, err := rand.Read(b); err != nil {
		return "", fmt.Errorf("generating token: %w", err)
	}
	return hex.EncodeToString(b), nil
}
