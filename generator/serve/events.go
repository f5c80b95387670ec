package serve

import (
	"encoding/json"
	"fmt"
	"net/http"
	"time"
)

// Event is what the event stream sends after every build, and once when a
// page connects: which good build the server shows, and the errors of the
// newest build if it failed.
type Event struct {
	Pages  int      `json:"pages"`  // the good build served; a page from another one reloads
	Build  int      `json:"build"`  // every build, good or failed
	Errors []string `json:"errors"` // empty when the newest build succeeded
}

// events streams an Event per build as server-sent events. Builds that
// follow each other faster than a client reads are merged: the client only
// ever needs the newest state.
func (s *Server) events(w http.ResponseWriter, r *http.Request) {
	flusher, ok := w.(http.Flusher)
	if !ok {
		http.Error(w, "streaming unsupported", http.StatusInternalServerError)
		return
	}
	wake := make(chan struct{}, 1)
	s.mu.Lock()
	s.subs[wake] = struct{}{}
	s.mu.Unlock()
	defer func() {
		s.mu.Lock()
		delete(s.subs, wake)
		s.mu.Unlock()
	}()

	h := w.Header()
	h.Set("Content-Type", "text/event-stream; charset=utf-8")
	h.Set("Cache-Control", "no-store")
	w.WriteHeader(http.StatusOK)
	// A comment now and then lets a dead connection be noticed and keeps
	// proxies from timing the stream out.
	keepAlive := time.NewTicker(30 * time.Second)
	defer keepAlive.Stop()
	last := -1
	for {
		st := s.current()
		if st.builds != last {
			last = st.builds
			data, _ := json.Marshal(Event{Pages: st.pages, Build: st.builds, Errors: nonNil(st.errors)})
			if _, err := fmt.Fprintf(w, "event: build\ndata: %s\n\n", data); err != nil {
				return
			}
			flusher.Flush()
		}
		select {
		case <-wake:
		case <-keepAlive.C:
			if _, err := fmt.Fprint(w, ": alive\n\n"); err != nil {
				return
			}
			flusher.Flush()
		case <-r.Context().Done():
			return
		}
	}
}

func nonNil(s []string) []string {
	if s == nil {
		return []string{}
	}
	return s
}
