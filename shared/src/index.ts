export * from './locales';
export * from './aspects';
export * from './languages';
export * from './table';
export * from './schemas/common';
export * from './schemas/registries';
export * from './schemas/municipality';
