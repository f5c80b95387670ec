//go:build !linux

package output

// exchange swaps through renames where no system call exchanges two
// folders in one step (macOS has renamex_np, but not on every file system
// it mounts; Windows has none).
func exchange(tmp, dest, aside string) error { return renames(tmp, dest, aside) }
