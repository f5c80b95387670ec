package manifest

import (
	"context"
	"crypto/tls"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"math/rand/v2"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/policygen/gen/generator/urls"
)

// Copy is a published copy of a site to check against its manifest: a
// folder (a download, or the build output itself) or the live address.
type Copy interface {
	// Read returns the file at path (as the manifest spells it), or an
	// error wrapping fs.ErrNotExist when the copy does not have it. It
	// reads at most max+1 bytes, enough to tell that a file is too long.
	Read(ctx context.Context, path string, max int64) ([]byte, error)
	// Where names a file of the copy in messages: a path on disk or a URL.
	Where(path string) string
}

// Open returns the copy at target: a folder, or an http(s) address.
func Open(target string) (Copy, error) {
	if strings.HasPrefix(target, "https://") || strings.HasPrefix(target, "http://") {
		return NewSite(target)
	}
	info, err := os.Stat(target)
	if err != nil || !info.IsDir() {
		return nil, fmt.Errorf("%s is neither a folder nor an http(s) address of a published site", target)
	}
	return Folder(target), nil
}

// Folder is a copy of the site on disk.
type Folder string

func (f Folder) file(path string) string {
	return filepath.Join(string(f), filepath.FromSlash(strings.TrimPrefix(path, "/")))
}

// Read reads a file of the folder.
func (f Folder) Read(_ context.Context, path string, max int64) ([]byte, error) {
	file, err := os.Open(f.file(path))
	if err != nil {
		return nil, err
	}
	defer file.Close()
	if info, err := file.Stat(); err == nil && info.IsDir() {
		return nil, fmt.Errorf("%s is a folder: %w", f.file(path), fs.ErrNotExist)
	}
	return io.ReadAll(io.LimitReader(file, max+1))
}

// Where is the file's path on disk.
func (f Folder) Where(path string) string { return f.file(path) }

// list returns every file of the folder as the manifest would spell it.
func (f Folder) list() ([]string, error) {
	var out []string
	err := filepath.WalkDir(string(f), func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		rel, err := filepath.Rel(string(f), p)
		out = append(out, "/"+filepath.ToSlash(rel))
		return err
	})
	sort.Strings(out)
	return out, err
}

// Site is the live site, read over HTTP the way a polite crawler reads:
// with a User-Agent saying who asks, a bounded number of requests at a time
// (the caller's), and failed requests retried after a growing pause.
type Site struct {
	base      string // without a trailing slash
	Client    *http.Client
	UserAgent string
	// Retries is how often a request that failed for a reason that may
	// pass (no connection, 429, 5xx) is tried again, Backoff the first
	// pause, which doubles each time (or a Retry-After the server asks for,
	// up to MaxWait).
	Retries int
	Backoff time.Duration
	MaxWait time.Duration
}

// UserAgent is what gen verify calls itself.
const UserAgent = "gen-verify/1 (+https://github.com/policygen/gen; checks a published policy site against its manifest)"

// NewSite returns the site at base, an http(s) address.
func NewSite(base string) (*Site, error) {
	u, err := url.Parse(base)
	if err != nil || u.Host == "" || (u.Scheme != "https" && u.Scheme != "http") || u.RawQuery != "" || u.Fragment != "" {
		return nil, fmt.Errorf("%s is not the address of a site (such as https://policies.example.com)", base)
	}
	return &Site{
		base:      strings.TrimSuffix(u.String(), "/"),
		Client:    &http.Client{Timeout: 60 * time.Second},
		UserAgent: UserAgent,
		Retries:   4,
		Backoff:   time.Second,
		MaxWait:   30 * time.Second,
	}, nil
}

// Where is the address a file is read from: a page's folder address, the
// one a visitor asks for, since some hosts redirect …/index.html there.
func (s *Site) Where(path string) string { return urls.Absolute(s.base, urls.Page(path)) }

// statusError is an answer other than 200.
type statusError struct {
	code       int
	retryAfter time.Duration
}

func (e *statusError) Error() string {
	return "HTTP " + strconv.Itoa(e.code) + " " + http.StatusText(e.code)
}

func (e *statusError) Is(target error) bool {
	return target == fs.ErrNotExist && (e.code == http.StatusNotFound || e.code == http.StatusGone)
}

// Read fetches one file, retrying what may pass.
func (s *Site) Read(ctx context.Context, path string, max int64) ([]byte, error) {
	addr := s.Where(path)
	wait := s.Backoff
	for attempt := 0; ; attempt++ {
		b, err := s.get(ctx, addr, max)
		if err == nil || attempt == s.Retries || !passing(ctx, err) {
			return b, err
		}
		pause := wait
		var se *statusError
		if errors.As(err, &se) && se.retryAfter > pause {
			pause = min(se.retryAfter, s.MaxWait)
		}
		// Jitter, so that the workers do not all come back at once.
		pause += rand.N(pause/4 + 1)
		select {
		case <-ctx.Done():
			return nil, ctx.Err()
		case <-time.After(pause):
		}
		wait *= 2
	}
}

func (s *Site) get(ctx context.Context, addr string, max int64) ([]byte, error) {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, addr, nil)
	if err != nil {
		return nil, err
	}
	req.Header.Set("User-Agent", s.UserAgent)
	resp, err := s.Client.Do(req)
	if err != nil {
		return nil, err
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		io.Copy(io.Discard, io.LimitReader(resp.Body, 64<<10)) // lets the connection be reused
		e := &statusError{code: resp.StatusCode}
		if secs, err := strconv.Atoi(resp.Header.Get("Retry-After")); err == nil && secs > 0 {
			e.retryAfter = time.Duration(secs) * time.Second
		}
		return nil, e
	}
	return io.ReadAll(io.LimitReader(resp.Body, max+1))
}

// passing reports whether a failed request may succeed if tried again:
// a dropped connection or a busy server may; a refusal or a certificate
// that does not verify will not.
func passing(ctx context.Context, err error) bool {
	if ctx.Err() != nil {
		return false
	}
	var se *statusError
	if errors.As(err, &se) {
		return se.code == http.StatusTooManyRequests || se.code >= 500
	}
	var cert *tls.CertificateVerificationError
	return !errors.As(err, &cert)
}
