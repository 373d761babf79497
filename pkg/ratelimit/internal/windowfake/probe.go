package windowfake

import (
	"slices"
	"time"
)

// Probe measures how late a timer fires in this process, again and again,
// while a load test runs: a sign of how much CPU the machine left to the
// test. Pacing by timers cannot keep a rate on a machine that does not run
// the timers' goroutines in time.
type Probe struct {
	every time.Duration
	stop  chan struct{}
	done  chan struct{}
	lates []time.Duration
}

// StartProbe starts probing every interval until Stop.
func StartProbe(every time.Duration) *Probe {
	p := &Probe{every: every, stop: make(chan struct{}), done: make(chan struct{})}
	go p.run()
	return p
}

func (p *Probe) run() {
	defer close(p.done)
	t := time.NewTimer(p.every)
	defer t.Stop()
	for {
		start := time.Now()
		t.Reset(p.every)
		select {
		case <-p.stop:
			return
		case <-t.C:
			p.lates = append(p.lates, time.Since(start)-p.every)
		}
	}
}

// Lateness summarises the samples of a probe.
type Lateness struct {
	Samples       int
	P50, P90, Max time.Duration
}

// Stop ends the probe and returns what it measured.
func (p *Probe) Stop() Lateness {
	close(p.stop)
	<-p.done
	l := Lateness{Samples: len(p.lates)}
	if l.Samples == 0 {
		return l
	}
	slices.Sort(p.lates)
	l.P50 = p.lates[l.Samples/2]
	l.P90 = p.lates[l.Samples*9/10]
	l.Max = p.lates[l.Samples-1]
	return l
}
