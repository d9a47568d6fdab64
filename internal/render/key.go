package render

import (
	"crypto/sha256"
	"encoding/binary"
	"fmt"
	"math"
	"reflect"
	"slices"
	"strings"
	"sync"
)

// Key identifies what an output was made from: the same key, the same bytes.
type Key = [sha256.Size]byte

// hashValue writes a deterministic encoding of v into b: every exported
// field a template can reach, strings with their lengths, maps in key order.
// It is the key of a view model and of a cached partial's value, so it
// follows pointers to their values (two equal views are one key, wherever
// they live) and refuses what a view model must not hold.
func hashValue(b []byte, v reflect.Value, depth int) ([]byte, error) {
	if depth > 64 {
		return b, fmt.Errorf("a view is nested more than 64 deep; is it a cycle?")
	}
	if !v.IsValid() {
		return append(b, 'n'), nil
	}
	switch v.Kind() {
	case reflect.String:
		b = binary.AppendUvarint(append(b, 's'), uint64(v.Len()))
		return append(b, v.String()...), nil
	case reflect.Bool:
		if v.Bool() {
			return append(b, 'T'), nil
		}
		return append(b, 'F'), nil
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		return binary.AppendVarint(append(b, 'i'), v.Int()), nil
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64, reflect.Uintptr:
		return binary.AppendUvarint(append(b, 'u'), v.Uint()), nil
	case reflect.Float32, reflect.Float64:
		return binary.LittleEndian.AppendUint64(append(b, 'f'), math.Float64bits(v.Float())), nil
	case reflect.Pointer, reflect.Interface:
		if v.IsNil() {
			return append(b, 'n'), nil
		}
		if v.Kind() == reflect.Interface {
			b = append(b, v.Elem().Type().String()...)
		}
		return hashValue(append(b, 'p'), v.Elem(), depth+1)
	case reflect.Slice, reflect.Array:
		if v.Kind() == reflect.Slice && v.Type().Elem().Kind() == reflect.Uint8 {
			b = binary.AppendUvarint(append(b, 'b'), uint64(v.Len()))
			return append(b, v.Bytes()...), nil
		}
		b = binary.AppendUvarint(append(b, 'l'), uint64(v.Len()))
		var err error
		for i := range v.Len() {
			if b, err = hashValue(b, v.Index(i), depth+1); err != nil {
				return b, err
			}
		}
		return b, nil
	case reflect.Map:
		keys := v.MapKeys()
		slices.SortFunc(keys, func(x, y reflect.Value) int { return strings.Compare(fmt.Sprint(x), fmt.Sprint(y)) })
		b = binary.AppendUvarint(append(b, 'm'), uint64(len(keys)))
		var err error
		for _, k := range keys {
			if b, err = hashValue(b, k, depth+1); err != nil {
				return b, err
			}
			if b, err = hashValue(b, v.MapIndex(k), depth+1); err != nil {
				return b, err
			}
		}
		return b, nil
	case reflect.Struct:
		b = append(b, '{')
		var err error
		for _, i := range exportedFields(v.Type()) {
			if b, err = hashValue(b, v.Field(i), depth+1); err != nil {
				return b, err
			}
		}
		return append(b, '}'), nil
	}
	return b, fmt.Errorf("a view cannot hold a %s", v.Type())
}

// plainTypes caches whether a type's values can be map keys by themselves:
// comparable, with no interface inside that could hold what is not.
var plainTypes sync.Map // reflect.Type → bool

func plainType(t reflect.Type) bool {
	if p, ok := plainTypes.Load(t); ok {
		return p.(bool)
	}
	var plain func(t reflect.Type, depth int) bool
	plain = func(t reflect.Type, depth int) bool {
		switch {
		case depth > 16 || !t.Comparable() || t.Kind() == reflect.Interface:
			return false
		case t.Kind() == reflect.Struct:
			for i := range t.NumField() {
				if !plain(t.Field(i).Type, depth+1) {
					return false
				}
			}
		case t.Kind() == reflect.Array:
			return plain(t.Elem(), depth+1)
		}
		return true
	}
	p := plain(t, 0)
	plainTypes.Store(t, p)
	return p
}

// hashBuffers hold the encodings of values being hashed.
var hashBuffers = sync.Pool{New: func() any { return new([]byte) }}

// keyOf hashes prefix and the encoding of v.
func keyOf(prefix []byte, v any) (Key, error) {
	bp := hashBuffers.Get().(*[]byte)
	b, err := hashValue(append((*bp)[:0], prefix...), reflect.ValueOf(v), 0)
	key := sha256.Sum256(b)
	*bp = b
	hashBuffers.Put(bp)
	return key, err
}

// exported lists the exported fields of struct types: what a template can
// reach. Like encoding/json's cache of types, it only ever learns facts
// about types, which never change.
var exported sync.Map // reflect.Type → []int

func exportedFields(t reflect.Type) []int {
	if f, ok := exported.Load(t); ok {
		return f.([]int)
	}
	var fields []int
	for i := range t.NumField() {
		if t.Field(i).IsExported() {
			fields = append(fields, i)
		}
	}
	exported.Store(t, fields)
	return fields
}
