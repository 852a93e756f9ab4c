import type { PageContext } from '../../../platform/views/context.ts';
import { PortalLayout } from '../../../platform/views/layout.tsx';
import { elderModeHref } from '../../../platform/views/navigation.ts';

/** 无障碍说明: what the site does for people with disabilities and older people, and how to use it. */
export function AccessibilityPage({ ctx }: { ctx: PageContext }) {
  return (
    <PortalLayout ctx={ctx} title="无障碍说明" columnName="无障碍说明" columnType="其他" crumbs={[{ label: '无障碍说明' }]}>
      <div class="prose">
        <h1>无障碍说明</h1>
        <p class="page-lead">本网站为所有人设计，包括视力、听力、肢体或认知有障碍的人和老年人。</p>

        <h2>遵循的标准</h2>
        <p>
          本网站按照国家标准 GB/T 37668-2019《信息技术 互联网内容无障碍可访问性技术要求与测试方法》建设，并参照工业和信息化部《互联网网站适老化通用设计规范》。本网站的自动化测试在手机屏幕宽度、电脑屏幕宽度和长者模式下检查页面的无障碍问题。
        </p>
        <ul>
          <li>每个页面标明语言、标题和“当前位置”；</li>
          <li>文字与背景的对比度不低于 4.5:1；</li>
          <li>表单的每一项都有文字标签，填写有误时在页面顶部列出并链接到出错的项目；</li>
          <li>不使用弹窗广告，不靠颜色作为传达信息的唯一方式；</li>
          <li>不需要脚本也能使用全部功能。</li>
        </ul>

        <h2>长者模式</h2>
        <p>
          长者模式把文字放大到 1.3 倍（正文不小于 18 像素的 1.3 倍），加深浅色文字，并把链接和按钮的点击区域放大到至少 44×44 像素。在每个页面顶部点击“长者模式”即可开启，点击“退出长者模式”即可关闭。设置保存在浏览器中，无需注册。
        </p>
        <p>
          {ctx.elder ? <a href={elderModeHref(false, ctx.path)}>退出长者模式</a> : <a href={elderModeHref(true, ctx.path)}>现在开启长者模式</a>}
        </p>

        <h2>键盘操作</h2>
        <ul>
          <li>按 Tab 键依次移到下一个链接、按钮或输入框，按 Shift + Tab 返回上一个；当前位置有醒目的黄色框线；</li>
          <li>在每个页面按第一次 Tab 键会出现“跳到正文”，按回车可直接跳过导航；</li>
          <li>按回车打开链接，按空格键或回车按下按钮；</li>
          <li>在手机等窄屏上，“栏目导航”可用回车或空格展开和收起。</li>
        </ul>

        <h2>读屏软件和放大</h2>
        <p>
          页面使用标准的标题、列表、表格和地标（页眉、导航、正文、页脚），可用常见的读屏软件朗读。页面随窗口宽度重新排版，用浏览器自带的缩放（Ctrl 加 +）放大后仍可阅读。
        </p>

        <h2>遇到困难</h2>
        <p>如果您在使用本网站时遇到障碍，请通过页面底部的联系方式告诉我们：{ctx.site.contact}。</p>
      </div>
    </PortalLayout>
  );
}
