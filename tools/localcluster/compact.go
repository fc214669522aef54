package main

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"time"

	"github.com/spf13/pflag"
	clientv3 "go.etcd.io/etcd/client/v3"
	"google.golang.org/grpc/grpclog"
)

const (
	compactTimeout = 30 * time.Second
	// compactionMarkerKey lies outside the apiserver's /registry prefix, so
	// writing it advances the revision without touching any Kubernetes object.
	compactionMarkerKey = "/localcluster/compaction-marker"
)

// runCompactCommand implements `localcluster compact --data-dir DIR`: it
// compacts the etcd of the cluster running in DIR so that every
// resourceVersion handed out before the call is too old afterwards. Watches
// and list continuations that reach etcd with such a version then get
// 410 Gone, as on a real cluster whose history was compacted.
func runCompactCommand(args []string) error {
	var dataDir string
	fs := pflag.NewFlagSet("localcluster compact", pflag.ContinueOnError)
	fs.StringVar(&dataDir, "data-dir", "", "data dir of the running cluster (holds cluster.json)")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if dataDir == "" {
		return errors.New("compact: --data-dir is required")
	}
	endpoint, err := readEtcdServer(dataDir)
	if err != nil {
		return err
	}
	// The etcd client's gRPC layer warns about its own dials cancelled by
	// Close; this short-lived process only reports errors.
	grpclog.SetLoggerV2(grpclog.NewLoggerV2(io.Discard, io.Discard, os.Stderr))
	ctx, cancel := context.WithTimeout(context.Background(), compactTimeout)
	defer cancel()
	rev, err := compactEtcd(ctx, endpoint)
	if err != nil {
		return err
	}
	fmt.Printf("compacted %d\n", rev)
	return nil
}

// readEtcdServer reads the embedded etcd's client URL from cluster.json.
func readEtcdServer(dataDir string) (string, error) {
	path := filepath.Join(dataDir, "cluster.json")
	data, err := os.ReadFile(path)
	if err != nil {
		return "", fmt.Errorf("compact: reading %s (is the cluster running?): %w", path, err)
	}
	var info clusterInfo
	if err := json.Unmarshal(data, &info); err != nil {
		return "", fmt.Errorf("compact: decoding %s: %w", path, err)
	}
	if info.EtcdServer == "" {
		return "", fmt.Errorf("compact: %s names no etcdServer; restart the cluster with this binary", path)
	}
	return info.EtcdServer, nil
}

// compactEtcd writes a marker key twice, then physically compacts to the
// second write's revision, so even the newest resourceVersion read before the
// call expires: the apiserver watches from resourceVersion+1, and etcd still
// serves the compaction revision itself.
func compactEtcd(ctx context.Context, endpoint string) (int64, error) {
	client, err := clientv3.New(clientv3.Config{
		Endpoints:   []string{endpoint},
		DialTimeout: 5 * time.Second,
		Context:     ctx,
	})
	if err != nil {
		return 0, fmt.Errorf("compact: connecting to etcd at %s: %w", endpoint, err)
	}
	defer client.Close()
	var rev int64
	for range 2 {
		put, err := client.Put(ctx, compactionMarkerKey, time.Now().UTC().Format(time.RFC3339Nano))
		if err != nil {
			return 0, fmt.Errorf("compact: writing marker key: %w", err)
		}
		rev = put.Header.Revision
	}
	// Physical: return only once the compaction is applied, so the next
	// request already sees the history gone.
	if _, err := client.Compact(ctx, rev, clientv3.WithCompactPhysical()); err != nil {
		return 0, fmt.Errorf("compact: compacting etcd to revision %d: %w", rev, err)
	}
	return rev, nil
}
