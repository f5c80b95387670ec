// Package browser holds the tests that read the built example site in a real
// headless Chromium, as a visitor would: the site is served on 127.0.0.1 and
// any request that leaves it fails the test.
package browser
