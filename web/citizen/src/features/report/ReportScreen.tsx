import { Button, Input, TextArea } from 'antd-mobile';
import { useEffect, useState } from 'react';
import { MAX_PHOTOS } from '../../../../../shared/domain/photos.ts';
import { call, problem } from '../../lib/api.ts';
import type { NearbyList, PublicService, ReportCreated } from '../../lib/api-types.ts';
import { REPORT_STATUS, shortTime } from '../../lib/labels.ts';
import { keepReport } from '../../lib/myReports.ts';
import { preparePhoto, type PreparedPhoto } from '../../lib/photos.ts';
import { Submitted } from './Submitted.tsx';

/** Where a report without a position is placed: the district government (the typed address says where). */
const DISTRICT_CENTRE = { lat: 38.0505, lng: 114.4633 };

interface Picked {
  key: string;
  name: string;
  preview: string;
  prepared?: PreparedPhoto;
  error?: string;
}
interface Position {
  lat: number;
  lng: number;
  accuracy: number;
}

/** 随手拍: choose a category, describe, locate, add photos, submit (Art3, Art10). */
export function ReportScreen() {
  const [services, setServices] = useState<PublicService[]>();
  const [loadError, setLoadError] = useState<string>();
  const [serviceCode, setServiceCode] = useState<string>();
  const [description, setDescription] = useState('');
  const [position, setPosition] = useState<Position>();
  const [locating, setLocating] = useState(false);
  const [locateError, setLocateError] = useState<string>();
  const [address, setAddress] = useState('');
  const [photos, setPhotos] = useState<Picked[]>([]);
  const [nearby, setNearby] = useState<NearbyList>({ items: [], unpublished: 0 });
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [submitting, setSubmitting] = useState(false);
  const [sent, setSent] = useState<{ created: ReportCreated; photos: PreparedPhoto[] }>();

  useEffect(() => {
    call<{ items: PublicService[] }>('GET', '/public/services')
      .then((list) => {
        setServices(list.items);
      })
      .catch((error: unknown) => {
        setLoadError(problem(error));
      });
  }, []);

  // Someone nearby already reported this: open reports of the category within 50 m.
  useEffect(() => {
    if (!serviceCode || !position) return;
    const query = new URLSearchParams({
      serviceCode,
      lat: String(position.lat),
      lng: String(position.lng),
    });
    let current = true;
    call<NearbyList>('GET', `/public/reports/nearby?${query.toString()}`)
      .then((list) => {
        if (current) setNearby(list);
      })
      .catch(() => {
        if (current) setNearby({ items: [], unpublished: 0 });
      });
    return () => {
      current = false;
    };
  }, [serviceCode, position]);

  if (sent) return <Submitted created={sent.created} photos={sent.photos} />;

  const locate = () => {
    setLocating(true);
    setLocateError(undefined);
    navigator.geolocation.getCurrentPosition(
      ({ coords }) => {
        setPosition({ lat: coords.latitude, lng: coords.longitude, accuracy: coords.accuracy });
        setLocating(false);
      },
      () => {
        setLocateError('无法获取位置，请在下面填写地址');
        setLocating(false);
      },
      { enableHighAccuracy: true, timeout: 15_000 },
    );
  };

  const addPhotos = (files: File[]) => {
    const room = MAX_PHOTOS - photos.length;
    const added = files.slice(0, room).map((file) => ({
      key: `${file.name}-${String(Date.now())}-${String(Math.random())}`,
      name: file.name,
      preview: URL.createObjectURL(file),
      file,
    }));
    setPhotos((current) => [...current, ...added.map(({ file: _file, ...picked }) => picked)]);
    for (const { key, file } of added) {
      preparePhoto(file)
        .then((prepared) => {
          setPhotos((current) =>
            current.map((photo) => (photo.key === key ? { ...photo, prepared } : photo)),
          );
        })
        .catch((error: unknown) => {
          setPhotos((current) =>
            current.map((photo) =>
              photo.key === key ? { ...photo, error: (error as Error).message } : photo,
            ),
          );
        });
    }
    if (files.length > room)
      setErrors((e) => ({ ...e, photos: `最多 ${String(MAX_PHOTOS)} 张照片` }));
  };

  const submit = async () => {
    const found: Record<string, string> = {};
    if (!serviceCode) found['category'] = '请选择问题分类';
    if (!description.trim()) found['description'] = '请描述问题';
    if (!position && !address.trim()) found['location'] = '请定位，或填写地址';
    if (photos.some((photo) => photo.error)) found['photos'] = '请删除无法上传的照片';
    setErrors(found);
    if (Object.keys(found).length > 0 || !serviceCode) return;
    const ready = photos.flatMap((photo) => (photo.prepared ? [photo.prepared] : []));
    setSubmitting(true);
    try {
      const where = position ?? DISTRICT_CENTRE;
      const created = await call<ReportCreated>('POST', '/public/reports', {
        body: {
          serviceCode,
          description: description.trim(),
          lat: where.lat,
          lng: where.lng,
          ...(address.trim() ? { address: address.trim() } : {}),
          photos: ready.map((photo) => ({ contentType: photo.contentType, size: photo.blob.size })),
        },
      });
      keepReport({
        id: created.id,
        trackingToken: created.trackingToken,
        serviceName: services?.find((service) => service.code === serviceCode)?.name ?? '',
        createdAt: new Date().toISOString(),
      });
      setSent({ created, photos: ready });
    } catch (error) {
      setErrors({ submit: problem(error) });
    } finally {
      setSubmitting(false);
    }
  };

  // Columns in pinyin order: 市容随手拍, then 指点新华区 (Art3).
  const columns = [...new Set((services ?? []).map((service) => service.column))].sort((a, b) =>
    a.localeCompare(b, 'zh-CN'),
  );
  const preparing = photos.some((photo) => !photo.prepared && !photo.error);
  return (
    <form
      onSubmit={(event) => {
        event.preventDefault();
        void submit();
      }}
      noValidate
    >
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
                      checked={serviceCode === service.code}
                      onChange={() => {
                        setServiceCode(service.code);
                      }}
                    />
                    {service.name}
                  </label>
                ))}
            </div>
          </fieldset>
        ))}
        {errors['category'] && (
          <p className="error" role="alert">
            {errors['category']}
          </p>
        )}
      </section>

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
        {errors['description'] && (
          <p className="error" role="alert">
            {errors['description']}
          </p>
        )}
      </section>

      <section className="section" aria-labelledby="location-heading">
        <h2 id="location-heading">位置</h2>
        <Button type="button" onClick={locate} loading={locating} size="small">
          使用当前位置
        </Button>
        {position && <p className="hint">已定位（误差约 {Math.round(position.accuracy)} 米）</p>}
        {locateError && <p className="error">{locateError}</p>}
        <label className="field-label" htmlFor="address" style={{ marginTop: 10 }}>
          地址
        </label>
        <Input
          id="address"
          placeholder="无法定位时填写，如：中华北大街 18 号门前"
          value={address}
          onChange={setAddress}
          maxLength={200}
        />
        {errors['location'] && (
          <p className="error" role="alert">
            {errors['location']}
          </p>
        )}
        {(nearby.items.length > 0 || nearby.unpublished > 0) && (
          <div role="status" style={{ marginTop: 10 }}>
            <p style={{ margin: '0 0 4px', fontWeight: 600 }}>附近已有人反映过同类问题：</p>
            <ul style={{ margin: 0, paddingLeft: 20 }}>
              {nearby.items.map((report) => (
                <li key={report.id}>
                  {REPORT_STATUS[report.status]}，{shortTime(report.createdAt)} 提交（已公示）
                </li>
              ))}
              {nearby.unpublished > 0 && <li>另有 {nearby.unpublished} 件正在办理，尚未公示</li>}
            </ul>
            <p className="hint">如果是同一个问题，可以不必重复提交。</p>
          </div>
        )}
      </section>

      <section className="section" aria-labelledby="photos-heading">
        <h2 id="photos-heading">
          照片（{photos.length}/{MAX_PHOTOS}）
        </h2>
        <div className="photos">
          {photos.map((photo, i) => (
            <div className="photo" key={photo.key}>
              <img src={photo.preview} alt={`第 ${String(i + 1)} 张照片`} />
              <Button
                className="photo-remove"
                size="mini"
                aria-label={`删除第 ${String(i + 1)} 张照片`}
                onClick={() => {
                  URL.revokeObjectURL(photo.preview);
                  setPhotos((current) => current.filter((kept) => kept.key !== photo.key));
                }}
              >
                ×
              </Button>
              {photo.error && <p className="error">{photo.error}</p>}
            </div>
          ))}
          {photos.length < MAX_PHOTOS && (
            <label className="photo-add">
              <input
                type="file"
                accept="image/*,.heic,.heif"
                multiple
                onChange={(event) => {
                  addPhotos([...(event.target.files ?? [])]);
                  event.target.value = '';
                }}
              />
              ＋ 添加照片
            </label>
          )}
        </div>
        <p className="hint">照片会先在手机上压缩，并去掉拍摄位置等信息。</p>
        {errors['photos'] && (
          <p className="error" role="alert">
            {errors['photos']}
          </p>
        )}
      </section>

      {preparing && (
        <p className="hint" role="status">
          正在压缩照片，稍候即可提交……
        </p>
      )}
      {errors['submit'] && (
        <p className="error" role="alert">
          {errors['submit']}
        </p>
      )}
      <Button
        type="submit"
        color="primary"
        block
        size="large"
        loading={submitting}
        disabled={preparing}
      >
        提交
      </Button>
    </form>
  );
}
