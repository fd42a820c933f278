package rightsgraph

import (
	"errors"
	"fmt"
)

// Error codes shared by every layer. The GraphQL error presenter and the HTTP
// handlers map them to what clients see; anything else is "internal error".
const (
	EINVALID      = "invalid"
	ENOTFOUND     = "not_found"
	ECONFLICT     = "conflict"
	EUNAVAILABLE  = "unavailable"
	EUNAUTHORIZED = "unauthorized"
	ELIMIT        = "limit"
	EBUSY         = "busy"      // the server or its database connections are saturated: retry later
	ECANCELLED    = "cancelled" // the client went away or its deadline passed before an answer
	EINTERNAL     = "internal"
)

// Error is an application error with a code and a message safe to show users.
type Error struct {
	Code    string
	Message string
}

func (e *Error) Error() string { return e.Message }

// Errorf returns an *Error with the given code.
func Errorf(code, format string, args ...any) *Error {
	return &Error{Code: code, Message: fmt.Sprintf(format, args...)}
}

// ErrorCode returns the code of the first *Error in err's chain, EINTERNAL
// for any other non-nil error, and "" for nil.
func ErrorCode(err error) string {
	if err == nil {
		return ""
	}
	var e *Error
	if errors.As(err, &e) {
		return e.Code
	}
	return EINTERNAL
}

// ErrorMessage returns the user-facing message of err: the *Error's message,
// or "internal error" for anything else.
func ErrorMessage(err error) string {
	var e *Error
	if errors.As(err, &e) {
		return e.Message
	}
	return "internal error"
}
