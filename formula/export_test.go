package formula

import (
	"github.com/newstrata/newstrata/roster"
	"github.com/shopspring/decimal"
)

// The reference the closures are checked against: expr's VM over
// shopspring decimals, what every formula ran on before.

// VMDecimal runs a number formula on the VM only.
func (p *Program) VMDecimal(f *roster.Facts) (decimal.Decimal, error) {
	if err := p.within(f); err != nil {
		return decimal.Decimal{}, p.runtimeError(err)
	}
	return p.vmDecimal(f)
}

// VMBool runs a predicate on the VM only.
func (p *Program) VMBool(f *roster.Facts) (bool, error) {
	if err := p.within(f); err != nil {
		return false, p.runtimeError(err)
	}
	return p.vmBool(f)
}
