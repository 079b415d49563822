export {
  ChartVersionPicker,
  type ChartVersionPickerUiOptions,
} from './ChartVersionPicker';
export { chartVersionValidation } from './validation';
