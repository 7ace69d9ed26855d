//go:build unix

package main

import (
	"syscall"
	"time"
)

// cpuTime is the processor time the process has used, user and system.
func cpuTime() (time.Duration, bool) { return rusageCPU(syscall.RUSAGE_SELF) }

// rusageCPU is the user and system time getrusage reports for who.
func rusageCPU(who int) (time.Duration, bool) {
	var ru syscall.Rusage
	if err := syscall.Getrusage(who, &ru); err != nil {
		return 0, false
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano()), true
}
