import { useQuery } from '@tanstack/react-query';
import { Button, TextArea } from 'antd-mobile';
import { useState } from 'react';
import { problem } from '../../../lib/api.ts';
import type { ReportCreated } from '../../../lib/api-types.ts';
import { keepReport } from '../../../lib/myReports.ts';
import type { PreparedPhoto } from '../../../lib/photos.ts';
import { servicesQuery } from '../../../lib/services.ts';
import { useCreateReport } from '../api/create-report.ts';
import { usePickedPhotos } from '../hooks/use-picked-photos.ts';
import { usePosition } from '../hooks/use-position.ts';
import { CategoryField } from './CategoryField.tsx';
import { FieldError } from './FieldError.tsx';
import { LocationField } from './LocationField.tsx';
import { PhotoField } from './PhotoField.tsx';
import { Submitted } from './Submitted.tsx';

/** Where a report without a position is placed: the district government (the typed address says where). */
const DISTRICT_CENTRE = { lat: 38.0505, lng: 114.4633 };

/** 随手拍: choose a category, describe, locate, add photos, submit (Art3, Art10). */
export function ReportScreen() {
  const services = useQuery(servicesQuery);
  const create = useCreateReport();
  const { position, locating, failure: locateError, locate } = usePosition();
  const picked = usePickedPhotos();
  const [serviceCode, setServiceCode] = useState<string>();
  const [description, setDescription] = useState('');
  const [address, setAddress] = useState('');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [sent, setSent] = useState<{ created: ReportCreated; photos: PreparedPhoto[] }>();

  if (sent) return <Submitted created={sent.created} photos={sent.photos} />;

  const submit = async () => {
    const found: Record<string, string> = {};
    if (!serviceCode) found['category'] = '请选择问题分类';
    if (!description.trim()) found['description'] = '请描述问题';
    if (!position && !address.trim()) found['location'] = '请定位，或填写地址';
    if (picked.unusable) found['photos'] = '请删除无法上传的照片';
    setErrors(found);
    if (Object.keys(found).length > 0 || !serviceCode) return;
    const ready = picked.ready;
    const where = position ?? DISTRICT_CENTRE;
    try {
      const created = await create.mutateAsync({
        serviceCode,
        description: description.trim(),
        lat: where.lat,
        lng: where.lng,
        ...(address.trim() ? { address: address.trim() } : {}),
        photos: ready.map((photo) => ({ contentType: photo.contentType, size: photo.blob.size })),
      });
      keepReport({
        id: created.id,
        trackingToken: created.trackingToken,
        serviceName:
          services.data?.items.find((service) => service.code === serviceCode)?.name ?? '',
        createdAt: new Date().toISOString(),
      });
      setSent({ created, photos: ready });
    } catch (error) {
      setErrors({ submit: problem(error) });
    }
  };

  return (
    <form
      onSubmit={(event) => {
        event.preventDefault();
        void submit();
      }}
      noValidate
    >
      <CategoryField
        services={services.data?.items}
        loadError={services.error ? problem(services.error) : undefined}
        value={serviceCode}
        onChange={setServiceCode}
        error={errors['category']}
      />
      <section className="section">
        <label className="field-label" htmlFor="description">
          问题描述
        </label>
        <TextArea
          id="description"
          placeholder="发生了什么，在哪里"
          value={description}
          onChange={setDescription}
          maxLength={2000}
          rows={4}
          showCount
        />
        <FieldError message={errors['description']} />
      </section>
      <LocationField
        serviceCode={serviceCode}
        position={position}
        locating={locating}
        locateError={locateError}
        onLocate={locate}
        address={address}
        onAddress={setAddress}
        error={errors['location']}
      />
      <PhotoField picked={picked} error={errors['photos']} />
      {picked.preparing && (
        <p className="hint" role="status">
          正在压缩照片，稍候即可提交……
        </p>
      )}
      <FieldError message={errors['submit']} />
      <Button
        type="submit"
        color="primary"
        block
        size="large"
        loading={create.isPending}
        disabled={picked.preparing}
      >
        提交
      </Button>
    </form>
  );
}
