package redline

import (
	"fmt"
	"strings"
	"testing"
)

// identicalSections is a body of n sections all titled alike, and the
// same body with every seventh section's text reworded: the shape whose
// redline the issue found slow. Past the alignment bound (about 1,000
// such sections, 2 blocks each) the alignment is coarser, never slower.
func identicalSections(n int) (old, new []byte) {
	var a, b strings.Builder
	for i := range n {
		fmt.Fprintf(&a, "## Section\n\nText %d of the policy, as it was.\n\n", i)
		if i%7 == 0 {
			fmt.Fprintf(&b, "## Section\n\nText %d of the policy, as it is now.\n\n", i)
		} else {
			fmt.Fprintf(&b, "## Section\n\nText %d of the policy, as it was.\n\n", i)
		}
	}
	return []byte(a.String()), []byte(b.String())
}

func BenchmarkIdenticalSections(b *testing.B) {
	for _, n := range []int{250, 500, 1000, 1001, 2000, 4000, 8000} {
		old, new := identicalSections(n)
		b.Run(fmt.Sprintf("sections=%d", n), func(b *testing.B) {
			b.SetBytes(int64(len(old) + len(new)))
			for b.Loop() {
				Compare(old, new, opts)
			}
		})
	}
}
