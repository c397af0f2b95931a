import type { PublicService } from '../../../lib/api-types.ts';
import { FieldError } from './FieldError.tsx';

/** 问题分类: the open categories under their columns (市容随手拍, 指点新华区; Art3). */
export function CategoryField({
  services,
  loadError,
  value,
  onChange,
  error,
}: {
  services: PublicService[] | undefined;
  loadError: string | undefined;
  value: string | undefined;
  onChange: (code: string) => void;
  error: string | undefined;
}) {
  // Columns in pinyin order: 市容随手拍, then 指点新华区.
  const columns = [...new Set((services ?? []).map((service) => service.column))].sort((a, b) =>
    a.localeCompare(b, 'zh-CN'),
  );
  return (
    <section className="section" aria-labelledby="category-heading">
      <h2 id="category-heading">问题分类</h2>
      {loadError && <p className="error">{loadError}</p>}
      {columns.map((column) => (
        <fieldset key={column} style={{ border: 0, padding: 0, margin: '0 0 8px' }}>
          <legend className="hint">{column}</legend>
          <div className="categories">
            {services
              ?.filter((service) => service.column === column)
              .map((service) => (
                <label className="choice" key={service.code}>
                  <input
                    type="radio"
                    name="category"
                    value={service.code}
                    checked={value === service.code}
                    onChange={() => {
                      onChange(service.code);
                    }}
                  />
                  {service.name}
                </label>
              ))}
          </div>
        </fieldset>
      ))}
      <FieldError message={error} />
    </section>
  );
}
