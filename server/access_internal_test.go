package server

import (
	"encoding/json"
	"slices"
	"testing"
	"time"
)

func TestVariablesHash(t *testing.T) {
	same := []string{`{"b":1,"a":[1,2],"c":{"y":null,"x":"é"}}`, ` { "a" : [1, 2], "c": {"x":"\u00e9","y":null}, "b":1 } `}
	if variablesHash(json.RawMessage(same[0])) != variablesHash(json.RawMessage(same[1])) {
		t.Errorf("key order and spaces change the hash")
	}
	if variablesHash(nil) != variablesHash(json.RawMessage("null")) || variablesHash(nil) != variablesHash(json.RawMessage("{}")) {
		t.Errorf("no variables, null and {} differ")
	}
	// Numbers keep their digits: these two are one float64.
	if variablesHash(json.RawMessage(`{"n":12345678901234567890}`)) == variablesHash(json.RawMessage(`{"n":12345678901234567891}`)) {
		t.Errorf("large integers collide")
	}
	if variablesHash(json.RawMessage(`{"id":"a"}`)) == variablesHash(json.RawMessage(`{"id":"b"}`)) {
		t.Errorf("different variables, same hash")
	}
}

func TestErrorCodes(t *testing.T) {
	for in, want := range map[string][]string{
		`{"errors":[{"message":"x","extensions":{"code":"LIMIT"}},{"message":"y","extensions":{"code":"LIMIT"}},{"message":"z"}],"data":null}`: {"LIMIT", "NONE"},
		`{"data":{"a":1},"errors":[{"message":"x","extensions":{"code":"NOT_FOUND"}}]}`:                                                        {"NOT_FOUND"},
		`{"errors":[{"message":"x","extensions":{"code":"BUSY"}}],"data":{"truncated":[1,2,`:                                                   {"BUSY"},
		`{"data":{"a":1}}`: nil,
		`not json`:         nil,
	} {
		if got := errorCodes([]byte(in)); !slices.Equal(got, want) {
			t.Errorf("errorCodes(%s) = %v, want %v", in, got, want)
		}
	}
}

func TestLimiters(t *testing.T) {
	l := newLimiters(1, 2)
	now := time.Unix(1000, 0)
	for i := 0; i < 2; i++ {
		if _, ok := l.allow("p:a", now); !ok {
			t.Fatalf("request %d within the burst refused", i)
		}
	}
	wait, ok := l.allow("p:a", now)
	if ok || wait <= 0 || wait > time.Second {
		t.Errorf("over the burst: ok=%v wait=%v", ok, wait)
	}
	if _, ok := l.allow("p:b", now); !ok {
		t.Errorf("another principal shares the bucket")
	}
	if _, ok := l.allow("p:a", now.Add(time.Second)); !ok {
		t.Errorf("a token is back after 1 s")
	}
	// Idle buckets go.
	l.allow("p:c", now.Add(2*limiterIdle))
	if len(l.m) != 1 {
		t.Errorf("%d buckets after the idle sweep, want 1", len(l.m))
	}
	if newLimiters(0, 5) != nil {
		t.Errorf("rate 0 is no limit")
	}
	if l := newLimiters(2.5, 0); l.burst != 3 {
		t.Errorf("default burst %d, want 3", l.burst)
	}
}

func TestIsLoopbackAddr(t *testing.T) {
	for addr, want := range map[string]bool{"127.0.0.1:8080": true, "localhost:1": true, "[::1]:8080": true, "127.1.2.3:80": true,
		":8080": false, "0.0.0.0:8080": false, "[::]:8080": false, "192.168.1.4:8080": false, "example.org:80": false} {
		if got := isLoopbackAddr(addr); got != want {
			t.Errorf("isLoopbackAddr(%q) = %v", addr, got)
		}
	}
}
