//go:build linux

package main

import (
	"syscall"
	"time"
)

// threadCPU is the processor time the calling thread has used, user and
// system. The goroutine must be locked to its thread between two readings.
func threadCPU() (time.Duration, bool) { return rusageCPU(syscall.RUSAGE_THREAD) }
