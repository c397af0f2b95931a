import { Select, type SelectProps } from 'antd';
import { useEffect, useState } from 'react';

/**
 * A searchable choice of several units (接收单位, 抄送), for the keyboard as
 * a clerk uses it: type a name, Enter takes the unit found, and Tab leaves
 * the field — never choosing, nor un-choosing, the option it happens to be
 * on (rc-select treats Tab as Enter; the capture below keeps Tab from it,
 * and the browser moves the focus on). Its list of units is named for
 * screen readers (rc-select leaves the listbox unnamed): 可选单位, not the
 * field's own name, which the field keeps to itself.
 */
export function UnitSelect({
  id,
  ...select
}: Omit<SelectProps<string[]>, 'mode'> & { id?: string }) {
  const [open, setOpen] = useState(false);
  useEffect(() => {
    if (!open || !id) return;
    const frame = requestAnimationFrame(() => {
      for (const list of document.querySelectorAll(`[id="${id}_list"]`))
        list.setAttribute('aria-label', '可选单位');
    });
    return () => {
      cancelAnimationFrame(frame);
    };
  }, [open, id]);
  return (
    <div
      onKeyDownCapture={(event) => {
        if (event.key === 'Tab') event.stopPropagation();
      }}
    >
      <Select<string[]>
        {...select}
        id={id}
        mode="multiple"
        showSearch={{ optionFilterProp: 'label' }}
        onOpenChange={(next) => {
          setOpen(next);
        }}
      />
    </div>
  );
}
