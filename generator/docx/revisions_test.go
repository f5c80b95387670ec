package docx_test

import (
	"testing"

	"github.com/policygen/gen/generator/internal/testdocx"
)

// parts and view read a written .docx as a word processor does, with the
// reader of package testdocx, which knows only what OOXML says a
// revision is.
func parts(t testing.TB, data []byte) map[string][]byte { return testdocx.Parts(t, data) }

func view(t testing.TB, data []byte, accept bool) []string { return testdocx.View(t, data, accept) }
