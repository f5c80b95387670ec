package serve

import "time"

// SetClock replaces the server's clock and how often it is read for a new
// day, so a test can make midnight pass. Call it before Serve.
func SetClock(s *Server, clock func() time.Time, every time.Duration) {
	s.clock, s.dayCheck = clock, every
}
