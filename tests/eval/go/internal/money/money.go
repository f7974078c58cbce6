package money

import "errors"

// ErrMismatchingCurrency is returned when adding amounts in different currencies.
var ErrMismatchingCurrency = errors.New("money: mismatching currency codes")

// Amount is a value in minor units of one currency.
type Amount struct {
	Currency string
	Units    int64
}

// Sum adds two amounts of the same currency.
func Sum(a, b Amount) (Amount, error) {
	if a.Currency != b.Currency {
		return Amount{}, ErrMismatchingCurrency
	}
	return Amount{Currency: a.Currency, Units: a.Units + b.Units}, nil
}

// Must panics if err is not nil; use it only with inputs known to be valid.
func Must(v Amount, err error) Amount {
	if err != nil {
		panic(err) // near: go/panic-in-library
	}
	return v
}
