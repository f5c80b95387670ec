package tomlpos

import (
	"fmt"
	"strings"

	"github.com/policygen/gen/generator/suggest"
)

// UnknownKey is the message for key, unknown in the table named where: it
// suggests the closest of known, or lists them all when none is close.
func UnknownKey(key, where string, known []string) string {
	if s := suggest.Closest(key, known); s != "" {
		return fmt.Sprintf("unknown key %q in %s; did you mean %q?", key, where, s)
	}
	return fmt.Sprintf("unknown key %q in %s; the keys are %s", key, where, strings.Join(known, ", "))
}
