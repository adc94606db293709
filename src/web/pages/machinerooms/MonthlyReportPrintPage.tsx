import { MonthlyReportPrint } from './MonthlyReportPage.tsx';

export default MonthlyReportPrint;
