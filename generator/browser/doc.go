// Package browser holds the tests that read the built example site as its
// visitors do, in a real headless Chromium: the site is served on 127.0.0.1
// with the headers of its own _headers file, so its Content-Security-Policy
// is enforced, and any request that leaves 127.0.0.1 fails the test.
//
// For one page of every kind in every language they check accessibility
// (axe-core, WCAG 2.2 A and AA, light and dark, wide and 320 px), that
// nothing tracks the reader (no cookie, no storage, no other origin), that
// the page reads the same without JavaScript, that nothing overflows a 320
// or 375 px screen, that print hides navigation and screen-only notices and
// keeps the dates, and that the site keeps to its CSP. TestHTMLIsValid runs
// the Nu HTML Checker over every page.
//
// The npm tools live in .ci/web (cd .ci/web && npm ci --ignore-scripts); when
// a tool is missing the tests skip, and fail when CI is set.
package browser
