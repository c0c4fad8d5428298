import { DynamicModule, Module } from '@nestjs/common';
import { APP_GUARD, Reflector } from '@nestjs/core';
import { ScopeGuard } from './scopes.js';

export interface IdentitySettings {
  /** False when authentication is off: there is no caller, so no scope to check. */
  enabled: boolean;
}

/** Who may call what: the scope every API operation needs, checked for each request. */
@Module({})
export class IdentityModule {
  static forRoot(settings: IdentitySettings): DynamicModule {
    return {
      module: IdentityModule,
      providers: [
        {
          provide: APP_GUARD,
          inject: [Reflector],
          useFactory: (reflector: Reflector) => new ScopeGuard(reflector, settings.enabled),
        },
      ],
    };
  }
}
