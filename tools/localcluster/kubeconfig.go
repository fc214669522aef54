package main

import (
	"encoding/base64"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"

	"k8s.io/client-go/tools/clientcmd"
	clientcmdapi "k8s.io/client-go/tools/clientcmd/api"
)

// clusterInfo is the machine-readable description other tools read from
// <data-dir>/cluster.json.
type clusterInfo struct {
	Name       string `json:"name"`
	Server     string `json:"server"`
	CAData     string `json:"caData"`
	AdminToken string `json:"adminToken"`
	Kubeconfig string `json:"kubeconfig"`
	PID        int    `json:"pid"`
	// EtcdServer is the embedded etcd's client URL, for `localcluster compact`.
	EtcdServer string `json:"etcdServer"`
	// Metrics says whether the cluster serves metrics.k8s.io (--metrics).
	Metrics bool `json:"metrics"`
}

func serverURL(port int) string {
	return fmt.Sprintf("https://127.0.0.1:%d", port)
}

func writeKubeconfig(path, name, server string, caPEM []byte, token string) error {
	cfg := clientcmdapi.NewConfig()
	cfg.Clusters[name] = &clientcmdapi.Cluster{Server: server, CertificateAuthorityData: caPEM}
	cfg.AuthInfos[name+"-admin"] = &clientcmdapi.AuthInfo{Token: token}
	cfg.Contexts[name] = &clientcmdapi.Context{Cluster: name, AuthInfo: name + "-admin"}
	cfg.CurrentContext = name
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		return fmt.Errorf("creating kubeconfig dir: %w", err)
	}
	if err := clientcmd.WriteToFile(*cfg, path); err != nil {
		return fmt.Errorf("writing kubeconfig %s: %w", path, err)
	}
	return nil
}

func writeClusterInfo(dataDir string, info clusterInfo) error {
	data, err := json.MarshalIndent(info, "", "  ")
	if err != nil {
		return fmt.Errorf("encoding cluster.json: %w", err)
	}
	path := filepath.Join(dataDir, "cluster.json")
	// Write then rename so readers never see a half-written file.
	tmp := path + ".tmp"
	if err := os.WriteFile(tmp, append(data, '\n'), 0o600); err != nil {
		return fmt.Errorf("writing cluster.json: %w", err)
	}
	if err := os.Rename(tmp, path); err != nil {
		return fmt.Errorf("writing cluster.json: %w", err)
	}
	return nil
}

func newClusterInfo(o *options, caPEM []byte, etcdURL string) clusterInfo {
	return clusterInfo{
		Name:       o.Name,
		Server:     serverURL(o.Port),
		Metrics:    o.Metrics,
		CAData:     base64.StdEncoding.EncodeToString(caPEM),
		AdminToken: o.AdminToken,
		Kubeconfig: o.KubeconfigOut,
		PID:        os.Getpid(),
		EtcdServer: etcdURL,
	}
}
