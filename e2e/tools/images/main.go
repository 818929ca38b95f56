// imagepack writes a container image as a docker-save tarball (what `ctr images import`, `kind load
// image-archive` and jib's tar:// base images read) from files on this machine, without a Docker
// daemon or a registry. The local cluster's images (pause, CoreDNS, prometheus-operator, Prometheus,
// Alertmanager) are Go-built binaries packed this way, and the JRE base image is a Debian root tree.
//
//	imagepack -ref quay.io/prometheus/prometheus:v3.14.0 -out prometheus.tar \
//	  -add /path/to/prometheus:/bin/prometheus -entrypoint /bin/prometheus -user 65534
package main

import (
	"archive/tar"
	"bytes"
	"flag"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"sort"
	"strings"
	"time"

	"github.com/google/go-containerregistry/pkg/name"
	v1 "github.com/google/go-containerregistry/pkg/v1"
	"github.com/google/go-containerregistry/pkg/v1/empty"
	"github.com/google/go-containerregistry/pkg/v1/mutate"
	"github.com/google/go-containerregistry/pkg/v1/tarball"
)

type list []string

func (l *list) String() string     { return strings.Join(*l, ",") }
func (l *list) Set(v string) error { *l = append(*l, v); return nil }

func main() {
	var adds, dirs, envs, entrypoint, cmd, netBind list
	ref := flag.String("ref", "", "image reference to tag the image with (required)")
	out := flag.String("out", "", "docker-save tarball to write (required)")
	user := flag.String("user", "", "user[:group] the image runs as")
	workdir := flag.String("workdir", "", "working directory")
	flag.Var(&adds, "add", "host-file:image-path, a file copied into the image (repeatable)")
	flag.Var(&dirs, "dir", "host-dir:image-path, a directory tree copied into the image (repeatable)")
	flag.Var(&envs, "env", "KEY=VALUE (repeatable)")
	flag.Var(&entrypoint, "entrypoint", "entrypoint word (repeatable)")
	flag.Var(&cmd, "cmd", "cmd word (repeatable)")
	flag.Var(&netBind, "net-bind", "image path of a file that gets the file capability cap_net_bind_service=+ep,"+
		" as setcap gives it (repeatable): a non-root server may then bind ports below 1024")
	flag.Parse()
	if *ref == "" || *out == "" || len(adds)+len(dirs) == 0 {
		fmt.Fprintln(os.Stderr, "imagepack: -ref, -out and at least one -add or -dir are required")
		flag.Usage()
		os.Exit(2)
	}
	if err := pack(*ref, *out, *user, *workdir, adds, dirs, envs, entrypoint, cmd, netBind); err != nil {
		fmt.Fprintln(os.Stderr, "imagepack:", err)
		os.Exit(1)
	}
}

func pack(ref, out, user, workdir string, adds, dirs, envs, entrypoint, cmd, netBind []string) error {
	tag, err := name.NewTag(ref)
	if err != nil {
		return err
	}
	var buf bytes.Buffer
	w := tar.NewWriter(&buf)
	seen := map[string]bool{}
	for _, d := range dirs {
		src, dst, ok := strings.Cut(d, ":")
		if !ok {
			return fmt.Errorf("-dir %q: want host-dir:image-path", d)
		}
		if err := addTree(w, seen, src, dst); err != nil {
			return err
		}
	}
	for _, a := range adds {
		src, dst, ok := strings.Cut(a, ":")
		if !ok {
			return fmt.Errorf("-add %q: want host-file:image-path", a)
		}
		info, err := os.Stat(src)
		if err != nil {
			return err
		}
		if err := addParents(w, seen, dst); err != nil {
			return err
		}
		if err := addFile(w, src, dst, info, contains(netBind, dst)); err != nil {
			return err
		}
	}
	if err := w.Close(); err != nil {
		return err
	}
	layer, err := tarball.LayerFromOpener(func() (io.ReadCloser, error) {
		return io.NopCloser(bytes.NewReader(buf.Bytes())), nil
	})
	if err != nil {
		return err
	}
	img, err := mutate.AppendLayers(empty.Image, layer)
	if err != nil {
		return err
	}
	cf, err := img.ConfigFile()
	if err != nil {
		return err
	}
	cf = cf.DeepCopy()
	cf.OS = "linux"
	cf.Architecture = runtime.GOARCH
	cf.Created = v1.Time{Time: time.Unix(0, 0).UTC()} // reproducible: same inputs, same digest
	cf.Config.User = user
	cf.Config.WorkingDir = workdir
	cf.Config.Env = append([]string{"PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin"}, envs...)
	cf.Config.Entrypoint = entrypoint
	cf.Config.Cmd = cmd
	img, err = mutate.ConfigFile(img, cf)
	if err != nil {
		return err
	}
	return tarball.WriteToFile(out, tag, img)
}

var epoch = time.Unix(0, 0).UTC()

// addTree copies a directory tree (files, directories, symlinks) in sorted order, ids and times zeroed.
func addTree(w *tar.Writer, seen map[string]bool, src, dst string) error {
	var paths []string
	if err := filepath.WalkDir(src, func(p string, _ fs.DirEntry, err error) error {
		if err == nil {
			paths = append(paths, p)
		}
		return err
	}); err != nil {
		return err
	}
	sort.Strings(paths)
	for _, p := range paths {
		rel, _ := filepath.Rel(src, p)
		target := filepath.ToSlash(filepath.Join(dst, rel))
		info, err := os.Lstat(p)
		if err != nil {
			return err
		}
		if target == "/" {
			continue
		}
		switch {
		case info.Mode()&os.ModeSymlink != 0:
			link, err := os.Readlink(p)
			if err != nil {
				return err
			}
			err = w.WriteHeader(&tar.Header{Typeflag: tar.TypeSymlink, Name: strings.TrimPrefix(target, "/"),
				Linkname: link, Mode: 0o777, ModTime: epoch})
			if err != nil {
				return err
			}
		case info.IsDir():
			if err := addDir(w, seen, target, int64(info.Mode().Perm())); err != nil {
				return err
			}
		case info.Mode().IsRegular():
			if err := addFile(w, p, target, info, false); err != nil {
				return err
			}
		}
	}
	return nil
}

func addParents(w *tar.Writer, seen map[string]bool, dst string) error {
	dir := filepath.Dir(dst)
	if dir == "/" || dir == "." {
		return nil
	}
	if err := addParents(w, seen, dir); err != nil {
		return err
	}
	return addDir(w, seen, dir, 0o755)
}

func addDir(w *tar.Writer, seen map[string]bool, dir string, mode int64) error {
	if seen[dir] {
		return nil
	}
	seen[dir] = true
	return w.WriteHeader(&tar.Header{Typeflag: tar.TypeDir, Name: strings.TrimPrefix(dir, "/") + "/", Mode: mode, ModTime: epoch})
}

// netBindServiceCap is the security.capability xattr setcap writes for cap_net_bind_service=+ep:
// VFS_CAP_REVISION_2 with the effective flag, permitted bit 10 (CAP_NET_BIND_SERVICE), little-endian.
var netBindServiceCap = string([]byte{0x01, 0, 0, 0x02, 0x00, 0x04, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0})

func contains(list []string, s string) bool {
	for _, e := range list {
		if e == s {
			return true
		}
	}
	return false
}

func addFile(w *tar.Writer, src, dst string, info os.FileInfo, netBind bool) error {
	f, err := os.Open(src)
	if err != nil {
		return err
	}
	defer f.Close()
	hdr := &tar.Header{Typeflag: tar.TypeReg, Name: strings.TrimPrefix(dst, "/"), Mode: int64(info.Mode().Perm()),
		Size: info.Size(), ModTime: epoch}
	if netBind {
		hdr.Format = tar.FormatPAX
		hdr.PAXRecords = map[string]string{"SCHILY.xattr.security.capability": netBindServiceCap}
	}
	if err := w.WriteHeader(hdr); err != nil {
		return err
	}
	_, err = io.Copy(w, f)
	return err
}
