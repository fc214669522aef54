package main

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"time"

	corev1 "k8s.io/api/core/v1"
	apierrors "k8s.io/apimachinery/pkg/api/errors"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/util/wait"
	"k8s.io/client-go/kubernetes"
	"k8s.io/klog/v2"
)

// tokenTimeout bounds the wait for the controller-manager's token controller
// to fill a freshly created token Secret.
const tokenTimeout = 30 * time.Second

// tokenOut asks for the token of a kubernetes.io/service-account-token Secret
// to be written to Path.
type tokenOut struct {
	Namespace string
	Secret    string
	Path      string
}

// writeServiceAccountTokens waits until each Secret holds the token the
// controller-manager signs for its ServiceAccount, and writes it out. Such a
// token does not expire and, since the signing key and etcd live in the data
// dir, stays valid across restarts; it is revoked by deleting the Secret.
func writeServiceAccountTokens(ctx context.Context, client kubernetes.Interface, outs []tokenOut) error {
	for _, out := range outs {
		token, err := waitForToken(ctx, client, out)
		if err != nil {
			return fmt.Errorf("token of secret %s/%s: %w", out.Namespace, out.Secret, err)
		}
		if err := writeSecretFile(out.Path, token); err != nil {
			return err
		}
		klog.InfoS("wrote service account token", "secret", klog.KRef(out.Namespace, out.Secret), "path", out.Path)
	}
	return nil
}

func waitForToken(ctx context.Context, client kubernetes.Interface, out tokenOut) ([]byte, error) {
	var token []byte
	err := wait.PollUntilContextTimeout(ctx, 100*time.Millisecond, tokenTimeout, true, func(ctx context.Context) (bool, error) {
		secret, err := client.CoreV1().Secrets(out.Namespace).Get(ctx, out.Secret, metav1.GetOptions{})
		if apierrors.IsNotFound(err) {
			// The token controller deletes a token Secret applied before its ServiceAccount.
			return false, nil
		}
		if err != nil {
			return false, err
		}
		if secret.Type != corev1.SecretTypeServiceAccountToken {
			return false, fmt.Errorf("type is %q, want %q", secret.Type, corev1.SecretTypeServiceAccountToken)
		}
		token = secret.Data[corev1.ServiceAccountTokenKey]
		return len(token) > 0, nil
	})
	if err != nil {
		return nil, fmt.Errorf("not populated after %s (is it applied, after its ServiceAccount?): %w", tokenTimeout, err)
	}
	return token, nil
}

// writeSecretFile writes data readable by the owner only, replacing the file
// atomically so readers never see a partial token.
func writeSecretFile(path string, data []byte) error {
	if err := os.MkdirAll(filepath.Dir(path), 0o700); err != nil {
		return fmt.Errorf("creating dir for %s: %w", path, err)
	}
	tmp := path + ".tmp"
	// A leftover from a crash would keep its old mode through WriteFile.
	_ = os.Remove(tmp)
	if err := os.WriteFile(tmp, data, 0o600); err != nil {
		return fmt.Errorf("writing %s: %w", path, err)
	}
	if err := os.Rename(tmp, path); err != nil {
		return fmt.Errorf("writing %s: %w", path, err)
	}
	return nil
}
