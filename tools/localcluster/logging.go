package main

import (
	"flag"
	"fmt"
	"os"
	"strconv"

	logsapi "k8s.io/component-base/logs/api/v1"
	"k8s.io/klog/v2"
)

// setupLogging sends all component logs to a file so that stdout carries only
// the ready line and stderr only our own errors.
func setupLogging(logFile string, verbosity int) error {
	// Each component applies logging options; identical re-application must not fail.
	logsapi.ReapplyHandling = logsapi.ReapplyHandlingIgnoreUnchanged

	fs := flag.NewFlagSet("klog", flag.ContinueOnError)
	klog.InitFlags(fs)
	settings := map[string]string{"v": strconv.Itoa(verbosity)}
	if logFile == "-" {
		settings["logtostderr"] = "true"
	} else {
		f, err := os.OpenFile(logFile, os.O_CREATE|os.O_WRONLY|os.O_APPEND, 0o644)
		if err != nil {
			return fmt.Errorf("opening log file: %w", err)
		}
		settings["logtostderr"] = "false"
		settings["alsologtostderr"] = "false"
		settings["stderrthreshold"] = "FATAL"
		// Only the INFO stream: klog copies every line to all lower severities.
		klog.SetOutputBySeverity("INFO", f)
	}
	for k, v := range settings {
		if err := fs.Set(k, v); err != nil {
			return fmt.Errorf("setting klog %s: %w", k, err)
		}
	}
	return nil
}
