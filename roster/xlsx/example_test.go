package xlsx_test

import (
	"bytes"
	"fmt"

	"github.com/xuri/excelize/v2"

	"github.com/newstrata/newstrata/roster"
	"github.com/newstrata/newstrata/roster/xlsx"
)

// A clerk's workbook: a title above the header, 序号, a declared input
// titled by its label, a birth month formatted as Excel shows it.
func ExampleNewReader() {
	f := excelize.NewFile()
	_ = f.SetSheetRow("Sheet1", "A1", &[]any{"南宁市新的社会阶层人士名册"})
	_ = f.SetSheetRow("Sheet1", "A2", &[]any{"序号", "登记编号", "所属单位", "姓名", "民族", "出生年月", "结对帮扶村数"})
	_ = f.SetSheetRow("Sheet1", "A3", &[]any{1, "NN-1", "450103", "李测试", "壮", 31118, 3})
	month := "yyyy年m月"
	style, _ := f.NewStyle(&excelize.Style{CustomNumFmt: &month})
	_ = f.SetCellStyle("Sheet1", "F3", "F3", style)
	var buf bytes.Buffer
	_ = f.Write(&buf)

	r, err := xlsx.NewReader(&buf)
	if err != nil {
		fmt.Println(err)
		return
	}
	r.Inputs = []roster.Input{{ID: "villages", Label: "结对帮扶村数"}}
	b, err := r.ReadAll()
	if err != nil {
		fmt.Println(err)
		return
	}
	rec := b.Records[0]
	fmt.Println(rec.Name, rec.Ethnicity.Label(), rec.BirthDate, rec.Extra["villages"])
	fmt.Println("header on line", b.Header.Line, "skipped", b.Header.Skipped, "ignored", b.Header.Ignored)
	// Output:
	// 李测试 壮族 1985-03 3
	// header on line 2 skipped [1] ignored [序号]
}
