package output

import (
	"errors"
	"os"

	"golang.org/x/sys/unix"
)

// exchange swaps the two folders in one step (renameat2 RENAME_EXCHANGE),
// so dest is never missing, not even for a moment. Where the kernel or the
// file system cannot (ENOSYS, EINVAL, EOPNOTSUPP; EPERM from a container's
// syscall filter) it falls back to renames.
func exchange(tmp, dest, aside string) error {
	err := unix.Renameat2(unix.AT_FDCWD, tmp, unix.AT_FDCWD, dest, unix.RENAME_EXCHANGE)
	switch {
	case err == nil:
		// tmp now holds the previous output. Left there by a failure or a
		// kill, the next build removes it.
		os.RemoveAll(tmp)
		return nil
	case errors.Is(err, unix.ENOSYS), errors.Is(err, unix.EINVAL), errors.Is(err, unix.EOPNOTSUPP), errors.Is(err, unix.EPERM):
		return renames(tmp, dest, aside)
	}
	return &os.LinkError{Op: "renameat2", Old: tmp, New: dest, Err: err}
}
