// Package serve is `gen serve`: the live preview. It builds the site with
// drafts into memory (never into public/), serves it on a local address,
// watches the site's files, rebuilds what an edit affects, and tells open
// pages to reload — or to show the errors over the last good page when an
// edit broke the build. It runs the same pipeline as `gen build`.
package serve

import (
	"context"
	_ "embed"
	"errors"
	"fmt"
	"html/template"
	"io"
	"net"
	"net/http"
	"sort"
	"sync"
	"time"

	"github.com/policygen/gen/generator/build"
	"github.com/policygen/gen/generator/diag"
	"github.com/policygen/gen/generator/host"
	"github.com/policygen/gen/generator/urls"
)

// DefaultAddr is where serve listens unless told otherwise: the loopback
// interface only, since a preview shows drafts.
const DefaultAddr = "127.0.0.1:1313"

// ReloadTag is the exact markup serve adds before </body> of every page it
// renders, which tests that compare served pages with a build leave out.
// The script is a file of its own so the site's Content-Security-Policy
// (script-src 'self') holds in the preview as it does when published.
var ReloadTag = `<script src="` + urls.PreviewScript() + `" defer></script>`

// reloadTag is ReloadTag as a template inserts it.
var reloadTag = template.HTML(ReloadTag)

//go:embed reload.js
var reloadJS []byte

// Server is one running preview of a site.
type Server struct {
	opts     build.Options
	addr     string
	log      io.Writer
	debounce time.Duration
	// The clock decides "today" when neither --now nor SOURCE_DATE_EPOCH
	// does; it is read every dayCheck, so an upcoming version comes into
	// force in the preview at midnight, not at the next save.
	clock    func() time.Time
	dayCheck time.Duration

	ready chan struct{}     // closed once the first build has finished
	store *store            // the served files, set by Serve before anything reads it
	host  string            // host:port of the listener, set by Serve
	hosts func(string) bool // whether a request's Host names the preview, set by Serve

	mu    sync.Mutex
	state state
	subs  map[chan struct{}]struct{}
}

// state is what the server shows; it is replaced whole after each build,
// never changed in place, so a request may keep using the one it read.
type state struct {
	files  map[string]blob // the last good build; nil while none succeeded
	urls   urls.Scheme     // the addresses of the build's files
	rules  host.Rules      // the build's headers, sent as its host will
	pages  int             // counts good builds: a page compares it with its own to know it is stale
	builds int             // counts every build, good or failed
	errors []string        // the failed build's errors, as path:line:col: message
}

// New returns a server for the site in opts, listening on addr (DefaultAddr
// when empty) and logging builds and errors to log. Drafts are always shown.
func New(opts build.Options, addr string, log io.Writer) *Server {
	opts.Drafts = true
	if addr == "" {
		addr = DefaultAddr
	}
	return &Server{
		opts:     opts,
		addr:     addr,
		log:      log,
		debounce: 25 * time.Millisecond,
		clock:    time.Now,
		dayCheck: 30 * time.Second,
		ready:    make(chan struct{}),
		subs:     map[chan struct{}]struct{}{},
	}
}

// Run listens on the server's address and serves until ctx is cancelled,
// then shuts down cleanly. A port already in use is a one-line error that
// suggests another.
func (s *Server) Run(ctx context.Context) error {
	ln, err := net.Listen("tcp", s.addr)
	if err != nil {
		if addrInUse(err) {
			return fmt.Errorf("%s is in use; pass --addr %s", s.addr, nextAddr(s.addr))
		}
		return fmt.Errorf("cannot listen on %s: %v", s.addr, unwrapOpError(err))
	}
	return s.Serve(ctx, ln)
}

// Serve serves on ln until ctx is cancelled. Tests call it with a listener
// on port 0.
func (s *Server) Serve(ctx context.Context, ln net.Listener) error {
	w, err := newWatcher(s.opts.Site)
	if err != nil {
		ln.Close()
		return err
	}
	defer w.close()
	if s.store, err = newStore(); err != nil {
		ln.Close()
		return err
	}
	defer s.store.close()

	srv := &http.Server{Handler: s, ReadHeaderTimeout: 10 * time.Second}
	// The event streams never end by themselves; cancelling their requests'
	// context with the server's lets Shutdown finish.
	srv.BaseContext = func(net.Listener) context.Context { return ctx }
	s.host = ln.Addr().String()
	s.hosts = previewHosts(s.addr, ln.Addr())
	fmt.Fprintf(s.log, "serving %s on http://%s/ (drafts shown; Ctrl-C to stop)\n", s.opts.Site, ln.Addr())

	served := make(chan error, 1)
	go func() { served <- srv.Serve(ln) }()
	loopDone := make(chan struct{})
	go func() {
		defer close(loopDone)
		s.loop(ctx, w)
	}()

	select {
	case err := <-served:
		<-loopDone
		return err
	case <-ctx.Done():
	}
	shutdown, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	err = srv.Shutdown(shutdown)
	<-loopDone
	return err
}

// paths lists the paths st serves, sorted: the last good build's files,
// which /_gen/files lists for tests to compare with a fresh build.
func (st state) paths() []string {
	out := make([]string, 0, len(st.files))
	for p := range st.files {
		out = append(out, p)
	}
	sort.Strings(out)
	return out
}

func (s *Server) current() state {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.state
}

// publish makes st what the server shows and wakes every event stream.
func (s *Server) publish(st state) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.state = st
	for c := range s.subs {
		select {
		case c <- struct{}{}:
		default: // already woken; it reads the newest state anyway
		}
	}
}

// errorLines formats a build's errors the way the terminal shows them.
func errorLines(diags diag.List) []string {
	var out []string
	for _, d := range diags.Errors() {
		out = append(out, d.String())
	}
	return out
}

// nextAddr suggests the port after addr's.
func nextAddr(addr string) string {
	host, port, err := net.SplitHostPort(addr)
	if err != nil {
		return "127.0.0.1:1314"
	}
	var n int
	if _, err := fmt.Sscanf(port, "%d", &n); err != nil || n <= 0 || n >= 65535 {
		return net.JoinHostPort(host, "1314")
	}
	return net.JoinHostPort(host, fmt.Sprint(n+1))
}

func unwrapOpError(err error) error {
	var op *net.OpError
	if errors.As(err, &op) {
		return op.Err
	}
	return err
}
