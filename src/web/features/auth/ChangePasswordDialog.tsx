import { Alert, App, Form, Input, Modal } from 'antd';
import { useTranslation } from 'react-i18next';
import { useChangePassword } from '../../client/auth';
import { ServerErrorList } from '../../components/formErrors';
import { useServerErrors } from '../../components/useServerErrors';

interface Values {
  current: string;
  next: string;
  confirm: string;
}

const FIELDS = ['current', 'next'] as const;
export const MIN_PASSWORD = 10;

/**
 * Change my password. `forced` (the account must change the password it was given) leaves no way
 * to close the dialog but changing it.
 */
export function ChangePasswordDialog({
  open,
  forced = false,
  onClose,
}: {
  open: boolean;
  forced?: boolean;
  onClose?: () => void;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const change = useChangePassword();
  const server = useServerErrors(FIELDS);

  const submit = (v: Values) => {
    server.clear();
    change.mutate(
      { current: v.current, next: v.next },
      {
        onSuccess: () => {
          void message.success(t('account.passwordChanged'));
          form.resetFields();
          onClose?.();
        },
        onError: server.setError,
      },
    );
  };

  return (
    <Modal
      open={open}
      title={forced ? t('account.mustChangeTitle') : t('account.changePassword')}
      okText={t('account.changePasswordOk')}
      cancelText={t('common.cancel')}
      onOk={() => form.submit()}
      onCancel={forced ? undefined : onClose}
      confirmLoading={change.isPending}
      closable={!forced}
      mask={{ closable: !forced }}
      keyboard={!forced}
      cancelButtonProps={forced ? { style: { display: 'none' } } : undefined}
      destroyOnHidden
      data-testid="change-password"
    >
      {forced && <Alert type="info" showIcon style={{ marginBottom: 16 }} title={t('account.mustChangeBody')} />}
      <ServerErrorList items={server.unmatched} />
      <Form<Values>
        form={form}
        layout="vertical"
        onFinish={submit}
        onValuesChange={server.onValuesChange}
        name="change-password"
        requiredMark={false}
      >
        <Form.Item
          name="current"
          label={t('account.currentPassword')}
          rules={[{ required: true, message: t('auth.passwordRequired') }]}
          {...server.itemProps(['current'])}
        >
          <Input.Password autoComplete="current-password" data-testid="current-password" />
        </Form.Item>
        <Form.Item
          name="next"
          label={t('account.newPassword')}
          extra={t('account.passwordRule', { n: MIN_PASSWORD })}
          rules={[
            { required: true, message: t('auth.passwordRequired') },
            { min: MIN_PASSWORD, message: t('account.passwordRule', { n: MIN_PASSWORD }) },
          ]}
          {...server.itemProps(['next'])}
        >
          <Input.Password autoComplete="new-password" data-testid="new-password" />
        </Form.Item>
        <Form.Item
          name="confirm"
          label={t('account.confirmPassword')}
          dependencies={['next']}
          rules={[
            { required: true, message: t('auth.passwordRequired') },
            ({ getFieldValue }) => ({
              validator: (_, v: string) =>
                !v || v === getFieldValue('next')
                  ? Promise.resolve()
                  : Promise.reject(new Error(t('account.mismatch'))),
            }),
          ]}
        >
          <Input.Password autoComplete="new-password" data-testid="confirm-password" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
