//go:build linux

package main

import (
	"syscall"
	"time"
)

// threadCPU is the processor time the calling thread has used, user and
// system. The goroutine must be locked to its thread between two readings.
func threadCPU() (time.Duration, bool) {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_THREAD, &ru); err != nil {
		return 0, false
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano()), true
}
