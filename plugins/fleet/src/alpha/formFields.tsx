import {
  createFormField,
  FormFieldBlueprint,
} from '@backstage/plugin-scaffolder-react/alpha';

/**
 * `scaffolder-form-field:fleet/chart-version-picker` — the `FleetChartVersionPicker` field of
 * templates (a chart version from the fleet's releases). It attaches to the scaffolder's form
 * fields by default, so installing the plugin is enough.
 */
export const chartVersionPickerFormField = FormFieldBlueprint.make({
  name: 'chart-version-picker',
  params: {
    field: () =>
      import('../components/ChartVersionPicker').then(m =>
        createFormField({
          name: 'FleetChartVersionPicker',
          component: m.ChartVersionPicker,
          validation: m.chartVersionValidation,
        }),
      ),
  },
});

/**
 * `scaffolder-form-field:fleet/gpu-sizing` — the `FleetGpuSizing` field of templates (the
 * expected load, and the engines the release policy's sizing table proposes for it).
 */
export const gpuSizingFormField = FormFieldBlueprint.make({
  name: 'gpu-sizing',
  params: {
    field: () =>
      import('../components/GpuSizingField').then(m =>
        createFormField({
          name: 'FleetGpuSizing',
          component: m.GpuSizingField,
        }),
      ),
  },
});
